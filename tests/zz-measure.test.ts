import { INDEX } from "../src/data/bundled";
import { makePortable, checkWorkbook, restoreFormulas } from "../src/excel/portable";
import { FakeWorkbook, installFakeExcel } from "./support/fake-excel";
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
for (const n of [400, 5000, 100000]) test(`measure ${n}`, async () => {
  const wb = new FakeWorkbook(["Model"]);
  wb.sheet("Model").setCells("A1", Array.from({ length: n }, (_, r) => ["USA", `=IOMT.VALUE(A${r + 1},2029)`]));
  const excel = installFakeExcel(wb);
  const sum = () => excel.requests.reduce((a, b) => a + b, 0);
  const r = await checkWorkbook();
  console.log(n, "check", r.syncs, kb(excel.maxResponseBytes));
  excel.resetCounters();
  const m = await makePortable(INDEX, "workbook");
  console.log(n, "make", m.converted.length, m.syncs, kb(excel.maxRequestBytes), kb(sum()), kb(excel.maxResponseBytes));
  excel.resetCounters();
  const b = await restoreFormulas(INDEX);
  console.log(n, "restore", b.restored, b.syncs, kb(excel.maxRequestBytes), kb(excel.maxResponseBytes));
  excel.uninstall();
}, 600000);
