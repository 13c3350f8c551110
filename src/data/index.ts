/** The bundled dataset, its index and its consistency checks (the functions bundle imports only ./bundled). */
import { DATASET, INDEX } from "./bundled";
import { consistencyChecks } from "./checks";

export { DATASET, INDEX };
export const CHECKS = consistencyChecks(DATASET);

export type { Dataset, Figure, Segment, Driver, Dimension, FigureKind, DatasetInfo } from "./schema";
export type { ConsistencyCheck } from "./checks";
