import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/app-store';
import type { PageId } from '../store/ui-slice';
import { toUrl, urlStateOf } from '../store/url-state';

/** A link to a page with the current filters and settings: opens in place, or in a new tab with a modifier key. */
export function PageLink({ page, ...anchor }: { page: PageId } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'>) {
  const setPage = useAppStore((s) => s.setPage);
  const state = useAppStore(useShallow(urlStateOf));
  const go = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    setPage(page);
  };
  return <a href={toUrl({ ...state, page })} onClick={go} {...anchor} />;
}
