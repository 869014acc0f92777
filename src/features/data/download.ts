import { saveBlob } from '../../components/chart-export';

/** Saves text as a file through the browser's download, without leaving the tab. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8') {
  saveBlob(fileName, new Blob([text], { type }));
}
