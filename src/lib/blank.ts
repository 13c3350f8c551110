/** A cell with nothing in it, as Excel and exceljs give it back: "", null or undefined. */
export const isBlank = (x: unknown): boolean => x === "" || x === null || x === undefined;
