// The dataset shipped with GridLens, compiled from data/*.yaml by scripts/compile-data.ts and bundled by esbuild.
import raw from '../../../build/dataset.json';
import { indexCheckedDataset, type DatasetIndex } from './dataset';
import type { Dataset } from './schema';

let cached: DatasetIndex | undefined;

/** The bundled dataset, indexed on first use: scripts/compile-data.ts wrote it as loadDataset returned it. */
export function bundledDataset(): DatasetIndex {
  cached ??= indexCheckedDataset(raw as Dataset);
  return cached;
}
