import employersUrl from '../../data/sample/employers.csv?url';
import hiresUrl from '../../data/sample/hires.csv?url';
import trainingUrl from '../../data/sample/training.csv?url';

const SAMPLE = [
  ['employers.csv', employersUrl],
  ['hires.csv', hiresUrl],
  ['training.csv', trainingUrl],
] as const;

/** The bundled sample data as files, fetched from the app's own origin. */
export async function fetchSampleFiles(): Promise<File[]> {
  return Promise.all(
    SAMPLE.map(async ([name, url]) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`Sample file ${name} could not be fetched (HTTP ${response.status}).`);
      return new File([await response.blob()], name, { type: 'text/csv' });
    }),
  );
}
