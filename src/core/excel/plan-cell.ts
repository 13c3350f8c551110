/** A cell as the add-in writes it: a number, text ("" is blank) or a formula (text starting with "="). */
export type PlanCell = number | string;
