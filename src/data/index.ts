/** The bundled dataset, built and checked once when the add-in loads. */
import { buildDataset } from "./build";
import { consistencyChecks } from "./checks";
import { IOMT_2026_01_06 } from "./iomt-2026-01-06";

export const DATASET = buildDataset(IOMT_2026_01_06);
export const CHECKS = consistencyChecks(DATASET);

export type { Dataset, Figure, Segment, Driver, Dimension, FigureKind, DatasetInfo } from "./schema";
export type { ConsistencyCheck } from "./checks";
