// The dataset shipped with GridLens, compiled from data/*.yaml by scripts/compile-data.ts and bundled by esbuild.
import raw from '../../../build/dataset.json';
import { loadDataset, type DatasetIndex } from './dataset';

let cached: DatasetIndex | undefined;

/** The bundled dataset, validated on first use. */
export function bundledDataset(): DatasetIndex {
  cached ??= loadDataset(raw);
  return cached;
}
