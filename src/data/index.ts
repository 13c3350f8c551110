/** The bundled dataset and its consistency checks (the functions bundle imports only ./bundled). */
import { DATASET } from "./bundled";
import { consistencyChecks } from "./checks";

export { DATASET };
export const CHECKS = consistencyChecks(DATASET);

export type { Dataset, Figure, Segment, Driver, Dimension, FigureKind, DatasetInfo } from "./schema";
export type { ConsistencyCheck } from "./checks";
