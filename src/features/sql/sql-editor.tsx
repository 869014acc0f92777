import { sql, PostgreSQL } from '@codemirror/lang-sql';
import { Prec } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { basicSetup, EditorView } from 'codemirror';
import { useEffect, useRef } from 'react';

interface Props {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  /** Table name → column names, for completion. */
  schema: Record<string, string[]>;
}

/** A CodeMirror 6 SQL editor: highlighting, completion of tables and columns, Ctrl/Cmd+Enter runs. */
export function SqlEditor({ value, onChange, onRun, schema }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, onRun });
  useEffect(() => {
    latest.current = { onChange, onRun };
  });

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      doc: view.current?.state.doc.toString() ?? value,
      parent: host.current,
      extensions: [
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (latest.current.onRun(), true) }])),
        basicSetup,
        sql({ dialect: PostgreSQL, schema, upperCaseKeywords: true }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current.onChange(update.state.doc.toString());
        }),
        EditorView.contentAttributes.of({ 'aria-label': 'SQL query', 'aria-multiline': 'true' }),
        EditorView.lineWrapping,
      ],
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is rebuilt only when the schema changes; the text lives in the editor itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [schema]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return <div ref={host} className="sql-editor" />;
}
