import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

const ROW_HEIGHT = 28;

interface Props {
  columns: readonly { name: string; type: string }[];
  rows: readonly Record<string, unknown>[];
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A result grid that draws only the rows in view, so 100,000 rows scroll smoothly. */
export function ResultsGrid({ columns, rows }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer's functions change every render by design; this component is cheap to re-render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const template = `4rem repeat(${columns.length}, minmax(8rem, 1fr))`;
  return (
    <div className="grid" role="table" aria-label="Query result" aria-rowcount={rows.length + 1}>
      <div ref={scroller} className="grid-scroll" tabIndex={0}>
        <div role="rowgroup" className="grid-head">
          <div role="row" className="grid-row" style={{ gridTemplateColumns: template }} aria-rowindex={1}>
            <span role="columnheader" className="grid-index">
              #
            </span>
            {columns.map((c) => (
              <span key={c.name} role="columnheader" title={`${c.name} (${c.type})`}>
                {c.name}
                <small>{c.type}</small>
              </span>
            ))}
          </div>
        </div>
        <div role="rowgroup" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[item.index] ?? {};
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className="grid-row"
                style={{
                  gridTemplateColumns: template,
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <span role="cell" className="grid-index">
                  {item.index + 1}
                </span>
                {columns.map((c) => (
                  <span key={c.name} role="cell" className={row[c.name] === null ? 'null' : undefined}>
                    {cellText(row[c.name])}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
