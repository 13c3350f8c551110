/** The bundled dataset and its consistency checks (its index is in ./bundled, the one module the functions bundle imports). */
import { DATASET } from "./bundled";
import { consistencyChecks } from "./checks";

export { DATASET };
export const CHECKS = consistencyChecks(DATASET);
