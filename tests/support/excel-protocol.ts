/**
 * The Office.js protocol of the Excel stand-in, over the workbook model of excel-workbook.ts: `Excel.run`, request
 * contexts, proxies whose operations are queued and applied at `context.sync()`, `load` and PropertyNotLoaded,
 * *OrNullObject lookups and null objects, and objects bound to their Excel.run. Only what the add-in uses.
 *
 * A sync is a request, not a transaction: when an operation fails, the operations before it stay applied.
 * Office.js documents no rollback; OfficeExtension.Error.traceMessages "contains all trace messages that were
 * executed before the error occurred" (learn.microsoft.com/javascript/api/office/officeextension.error).
 * Requests and responses are measured against Excel on the web's 5 MB limit.
 *
 * Data types (ExcelApi 1.16): Range.valuesAsJson reads every cell as a CellValue and writes entities and typed
 * constants. FakeWorkbook.supportsDataTypes = false stands for an older Excel: valuesAsJson then fails at sync
 * with ApiNotFound, and a bare load() leaves it out.
 */
import {
  type ChartRecord,
  type CustomProperty,
  DEFAULT_COLUMN_WIDTH,
  FakeExcelError,
  FakeSheet,
  FakeWorkbook,
  type SheetRect,
  type SelectionChangedArgs,
  type FakeTable,
  type LinkedDomain,
  a1Address,
  bodyArea,
  fail,
  fullAddress,
  grid,
  invalidArgument,
  parseA1,
  sheetArea,
} from "./excel-workbook";

export interface FakeExcelHandle {
  syncCount: number;
  requests: number[];
  maxRequestBytes: number;
  /** Bytes of data each sync's loads brought back (counted like requests against the 5 MB limit). */
  responses: number[];
  maxResponseBytes: number;
  resetCounters(): void;
  uninstall(): void;
}

/** Columns and rows of a worksheet ("Excel specifications and limits"). */
const EXCEL_COLUMNS = 16384;
const EXCEL_ROWS = 1048576;

/** "Excel on the web has a payload size limit for requests and responses of 5MB" (resource limits for Office Add-ins). */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

const propertyNotLoaded = (property: string, type: string): FakeExcelError =>
  new FakeExcelError(
    "PropertyNotLoaded",
    `The property '${property}' of ${type} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

// ---------------------------------------------------------------- requests

/** What a proxy stands for once bound: a model object, or a null object. */
const NULL_OBJECT = Symbol("NullObject");
type OperationKind = "navigation" | "load" | "write";
/** What a sync's loads bring back: `data` (measured against the response limit) and how it lands in the proxies. */
interface Reply {
  data: unknown[];
  commits: Array<() => void>;
}
interface Operation {
  kind: OperationKind;
  json: unknown;
  run(reply: Reply): void;
}

const describeArgument = (a: unknown): unknown => (a instanceof ProxyObject ? `[${a.typeName}]` : a);
const isDeleted = (target: any): boolean =>
  !!target &&
  typeof target === "object" &&
  (target.deleted === true || (target.sheet instanceof FakeSheet && target.sheet.deleted));

class RequestContext {
  operations: Operation[] = [];
  /** Proxies bound by the sync under way. */
  boundNow: ProxyObject[] = [];
  closed = false;
  readonly workbook: WorkbookProxy;
  constructor(
    readonly handle: FakeExcelHandle,
    readonly model: FakeWorkbook,
  ) {
    this.workbook = new WorkbookProxy(this, null, () => model);
  }
  assertOpen(): void {
    if (this.closed)
      fail(
        "InvalidObjectPath",
        "This object belongs to an Excel.run batch that has finished; Office.js objects cannot be used across Excel.run calls.",
      );
  }
  checkArgument(a: unknown): void {
    if (a instanceof ProxyObject && a.context !== this)
      fail("InvalidObjectPath", `The ${a.typeName} passed in belongs to a different Excel.run batch.`);
  }
  queue(operation: Operation): void {
    this.assertOpen();
    this.operations.push(operation);
  }
  /**
   * One round trip. The request is measured first: over 5 MB, Excel on the web rejects it whole
   * (RequestPayloadSizeLimitExceeded). Then the operations run in order, and a failing one stops the request
   * with the operations before it applied: no rollback. The loaded data is measured last: over 5 MB, the sync
   * fails with ResponsePayloadSizeLimitExceeded ("The response payload size has exceeded the limit", Excel
   * error codes), and as the docs say nothing of undoing the request, its writes stay applied.
   */
  async sync(): Promise<void> {
    this.assertOpen();
    const operations = this.operations;
    this.operations = [];
    const { handle, model } = this;
    handle.syncCount++;
    model.onSync?.(handle.syncCount);
    const bytes = Buffer.byteLength(JSON.stringify(operations.map((o) => o.json)), "utf8");
    handle.requests.push(bytes);
    handle.maxRequestBytes = Math.max(handle.maxRequestBytes, bytes);
    if (bytes > PAYLOAD_LIMIT)
      fail(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size (${bytes} bytes) has exceeded the limit (${PAYLOAD_LIMIT} bytes).`,
      );
    const armed = model.armedFailure;
    const failAt = armed && operations.filter((o) => o.kind === "write").length > armed.writes ? armed.writes : -1;
    if (failAt >= 0) model.armedFailure = undefined;
    const reply: Reply = { data: [], commits: [] };
    this.boundNow = [];
    let i = 0;
    try {
      for (let writes = 0; i < operations.length; i++) {
        if (operations[i].kind === "write" && writes++ === failAt) {
          fail(
            armed!.code,
            "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by pressing Enter or Tab, or by selecting another cell, and then try again.",
          );
        }
        operations[i].run(reply);
      }
      const response = Buffer.byteLength(JSON.stringify(reply.data), "utf8");
      handle.responses.push(response);
      handle.maxResponseBytes = Math.max(handle.maxResponseBytes, response);
      if (response > PAYLOAD_LIMIT)
        fail(
          "ResponsePayloadSizeLimitExceeded",
          `The response payload size (${response} bytes) has exceeded the limit (${PAYLOAD_LIMIT} bytes).`,
        );
    } catch (e) {
      for (const p of this.boundNow) p.target = undefined;
      if (e instanceof FakeExcelError && i < operations.length)
        e.debugInfo.errorLocation = JSON.stringify(operations[i].json).slice(0, 200);
      // the linked cells the applied operations wrote still get their cards (excel-workbook.ts, linked entities)
      model.loadLinkedCells();
      throw e;
    }
    for (const p of this.boundNow) p.synced = true;
    for (const commit of reply.commits) commit();
    model.loadLinkedCells();
  }
}

// ---------------------------------------------------------------- proxies

/** How a property of a proxy reads from and writes to its model object; `requires` fails when this Excel lacks the API. */
interface PropertySpec {
  get(target: any, model: FakeWorkbook): unknown;
  set?(target: any, value: any, model: FakeWorkbook): void;
  requires?(model: FakeWorkbook): void;
}
type ProxyClass<T extends ProxyObject> = new (
  context: RequestContext,
  parent: ProxyObject | null,
  resolve: (parentTarget: any) => any,
  description?: unknown,
  kind?: OperationKind,
) => T;

/** A proxy (an Office.js client object): bound to its model object lazily, in queue order, at sync. */
class ProxyObject {
  static typeName = "Object";
  static properties: Record<string, PropertySpec> = {};
  /** The model object, NULL_OBJECT for a null object, undefined before it is bound. */
  target: any;
  synced = false;
  readonly loaded = new Map<string, unknown>();
  private readonly children = new Map<string, ProxyObject>();

  /** With a `description`, finding the target is queued (bound at sync); without one, the proxy is bound now. */
  constructor(
    readonly context: RequestContext,
    readonly parent: ProxyObject | null,
    readonly resolve: (parentTarget: any) => any,
    description?: unknown,
    kind: OperationKind = "navigation",
  ) {
    if (description === undefined) {
      this.target = resolve(undefined);
      this.synced = true;
    } else {
      context.queue({
        kind,
        json: description,
        run: () => {
          this.bind();
        },
      });
    }
  }
  get typeName(): string {
    return (this.constructor as typeof ProxyObject).typeName;
  }
  get model(): FakeWorkbook {
    return this.context.model;
  }
  private bind(): any {
    if (this.target === undefined) {
      const parentTarget = this.parent ? this.parent.liveTarget() : undefined;
      const target = parentTarget === NULL_OBJECT ? NULL_OBJECT : this.resolve(parentTarget);
      if (target === undefined) fail("ItemNotFound", `The requested ${this.typeName} does not exist.`);
      this.target = target;
      this.context.boundNow.push(this);
    }
    return this.target;
  }
  /** The bound target, which must still exist. */
  liveTarget(): any {
    const target = this.bind();
    if (target !== NULL_OBJECT && isDeleted(target)) fail("ItemNotFound", `This ${this.typeName} no longer exists.`);
    return target;
  }
  get isNullObject(): boolean {
    if (!this.synced) throw propertyNotLoaded("isNullObject", this.typeName);
    return this.target === NULL_OBJECT;
  }
  readLoaded(property: string): unknown {
    if (this.synced && this.target === NULL_OBJECT)
      fail(
        "InvalidObjectPath",
        `Cannot read ${this.typeName}.${property}: this is a null object (isNullObject is true).`,
      );
    if (!this.loaded.has(property)) throw propertyNotLoaded(property, this.typeName);
    return this.loaded.get(property);
  }
  /** A property assignment: queued; the assigned value is readable locally at once (as in Office.js). */
  queueSet(property: string, value: unknown, apply: (target: any) => void, requires?: () => void): void {
    this.context.queue({
      kind: "write",
      json: { set: `${this.typeName}.${property}`, value },
      run: () => {
        requires?.();
        const target = this.liveTarget();
        if (target !== NULL_OBJECT) apply(target);
      },
    });
    this.loaded.set(property, value);
  }
  queueCall(method: string, args: unknown[], apply: (target: any) => void): void {
    args.forEach((a) => this.context.checkArgument(a));
    this.context.queue({
      kind: "write",
      json: { call: `${this.typeName}.${method}`, args: args.map(describeArgument) },
      run: () => {
        const target = this.liveTarget();
        if (target !== NULL_OBJECT) apply(target);
      },
    });
  }
  /** A proxy reached from this one (a method such as getRange, or an add that creates its target). */
  navigate<T extends ProxyObject>(
    cls: ProxyClass<T>,
    method: string,
    args: unknown[],
    resolve: (target: any) => any,
    kind: OperationKind = "navigation",
  ): T {
    this.context.assertOpen();
    args.forEach((a) => this.context.checkArgument(a));
    return new cls(this.context, this, resolve, { [`${this.typeName}.${method}`]: args.map(describeArgument) }, kind);
  }
  /** A proxy property such as `format` or `worksheet`: the same proxy each time it is read. */
  child<T extends ProxyObject>(
    cls: ProxyClass<T>,
    name: string,
    resolve: (target: any) => any = (target) => target,
  ): T {
    let proxy = this.children.get(name);
    if (!proxy) this.children.set(name, (proxy = this.navigate(cls, name, [], resolve)));
    return proxy as T;
  }
  /** load("a,b"), load(["a", "b"]) or load() for every property this Excel has. */
  load(names?: string | string[]): this {
    this.context.assertOpen();
    const cls = this.constructor as typeof ProxyObject;
    const available = (): string[] =>
      Object.keys(cls.properties).filter((k) => {
        try {
          cls.properties[k].requires?.(this.model);
          return true;
        } catch {
          return false;
        }
      });
    const wanted = loadList(names) ?? available();
    for (const name of wanted)
      if (!(name in cls.properties))
        invalidArgument(
          `The stand-in's ${cls.typeName} has no loadable property '${name}' (it has: ${Object.keys(cls.properties).join(", ")}).`,
        );
    this.context.queue({
      kind: "load",
      json: { load: `${cls.typeName}:${wanted.join(",")}` },
      run: (reply) => {
        wanted.forEach((k) => cls.properties[k].requires?.(this.model));
        const target = this.liveTarget();
        if (target === NULL_OBJECT) return;
        const values = wanted.map((k) => [k, cls.properties[k].get(target, this.model)] as const);
        reply.data.push(values);
        reply.commits.push(() => values.forEach(([k, v]) => this.loaded.set(k, v)));
      },
    });
    return this;
  }
}

function loadList(names: unknown): string[] | null {
  if (names === undefined || names === null) return null;
  if (typeof names === "string")
    return names
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(names)) return names.flatMap((s) => loadList(s) ?? []);
  return invalidArgument(`The stand-in loads property names ("a,b" or ["a", "b"]), not ${JSON.stringify(names)}.`);
}

/** Declares a proxy class's Office.js type name and properties (getters read loaded values; setters queue writes). */
function describeProxy(cls: typeof ProxyObject, typeName: string, properties: Record<string, PropertySpec>): void {
  Object.assign(cls, { typeName, properties });
  for (const [name, spec] of Object.entries(properties)) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get(this: ProxyObject) {
        return this.readLoaded(name);
      },
      set(this: ProxyObject, value: unknown) {
        const set = spec.set ?? invalidArgument(`${typeName}.${name} is read-only.`);
        this.queueSet(
          name,
          value,
          (target) => set(target, value, this.model),
          spec.requires && (() => spec.requires!(this.model)),
        );
      },
    });
  }
}

/** A collection: getItem, getItemOrNullObject, and `items` after load("items/name"). */
class ProxyCollection extends ProxyObject {
  static itemClass: ProxyClass<ProxyObject>;
  static list: (target: any, model: FakeWorkbook) => unknown[];
  static find: (target: any, key: string, model: FakeWorkbook) => unknown;
  get items(): ProxyObject[] {
    return this.readLoaded("items") as ProxyObject[];
  }
  private get collectionClass(): typeof ProxyCollection {
    return this.constructor as typeof ProxyCollection;
  }
  private get itemTypeName(): string {
    return (this.collectionClass.itemClass as unknown as typeof ProxyObject).typeName;
  }
  getItem(key: string): ProxyObject {
    const { collectionClass } = this;
    return this.navigate(
      collectionClass.itemClass,
      "getItem",
      [key],
      (target) =>
        collectionClass.find(target, key, this.model) ??
        fail("ItemNotFound", `${this.itemTypeName} '${key}' was not found.`),
    );
  }
  getItemOrNullObject(key: string): ProxyObject {
    const { collectionClass } = this;
    return this.navigate(
      collectionClass.itemClass,
      "getItemOrNullObject",
      [key],
      (target) => collectionClass.find(target, key, this.model) ?? NULL_OBJECT,
    );
  }
  /** load("items/name") or load("items") (every item property). */
  override load(names?: string | string[]): this {
    this.context.assertOpen();
    const { collectionClass } = this;
    const itemClass = collectionClass.itemClass as unknown as typeof ProxyObject;
    const itemProperties = new Set<string>();
    for (const path of loadList(names) ?? ["items"]) {
      if (path === "items") Object.keys(itemClass.properties).forEach((k) => itemProperties.add(k));
      else if (path.startsWith("items/") && path.slice(6) in itemClass.properties) itemProperties.add(path.slice(6));
      else
        invalidArgument(
          `The stand-in's ${collectionClass.typeName} loads "items/<property>" (item properties: ${Object.keys(itemClass.properties).join(", ")}), not '${path}'.`,
        );
    }
    const wanted = [...itemProperties];
    this.context.queue({
      kind: "load",
      json: { load: `${collectionClass.typeName}:${wanted.join(",")}` },
      run: (reply) => {
        const target = this.liveTarget();
        if (target === NULL_OBJECT) return;
        const list = collectionClass.list(target, this.model);
        const rows = list.map((itemTarget) =>
          wanted.map((k) => [k, itemClass.properties[k].get(itemTarget, this.model)] as const),
        );
        reply.data.push(rows);
        reply.commits.push(() => {
          this.loaded.set(
            "items",
            list.map((itemTarget, i) => {
              const item = new collectionClass.itemClass(this.context, null, () => itemTarget);
              rows[i].forEach(([k, v]) => item.loaded.set(k, v));
              return item;
            }),
          );
        });
      },
    });
    return this;
  }
}
function describeCollection(
  cls: typeof ProxyCollection,
  typeName: string,
  itemClass: ProxyClass<ProxyObject>,
  list: typeof ProxyCollection.list,
  find: typeof ProxyCollection.find,
): void {
  describeProxy(cls, typeName, {});
  Object.assign(cls, { itemClass, list, find });
}

// ---------------------------------------------------------------- the workbook and its worksheets

class WorkbookProxy extends ProxyObject {
  get worksheets(): WorksheetCollectionProxy {
    return this.child(WorksheetCollectionProxy, "worksheets");
  }
  get tables(): TableCollectionProxy {
    return this.child(TableCollectionProxy, "tables", () => ({}));
  }
  get properties(): DocumentPropertiesProxy {
    return this.child(DocumentPropertiesProxy, "properties");
  }
  get application(): ApplicationProxy {
    return this.child(ApplicationProxy, "application");
  }
  /** ExcelApi 1.19; without it, any use fails at sync with ApiNotFound. */
  get linkedEntityDataDomains(): LinkedEntityDataDomainCollectionProxy {
    return this.child(LinkedEntityDataDomainCollectionProxy, "linkedEntityDataDomains", (model: FakeWorkbook) => {
      model.requireLinkedEntities();
      return model;
    });
  }
  getSelectedRange(): RangeProxy {
    return this.navigate(
      RangeProxy,
      "getSelectedRange",
      [],
      (model: FakeWorkbook) =>
        model.selection ?? (model.sheets[0] && { sheet: model.sheets[0], top: 0, left: 0, bottom: 0, right: 0 }),
    );
  }
}
describeProxy(WorkbookProxy, "Workbook", {});

class ApplicationProxy extends ProxyObject {
  suspendApiCalculationUntilNextSync(): void {
    this.queueCall("suspendApiCalculationUntilNextSync", [], (model: FakeWorkbook) => {
      model.calculationSuspensions++;
    });
  }
}
describeProxy(ApplicationProxy, "Application", {});

// ---------------------------------------------------------------- linked entity data domains (ExcelApi 1.19)

class LinkedEntityDataDomainCollectionProxy extends ProxyCollection {
  add(options: Excel.LinkedEntityDataDomainCreateOptions): void {
    this.queueCall("add", [options], (model: FakeWorkbook) => model.addLinkedDomain(options));
  }
  /**
   * "Refreshes all LinkedEntityCellValue objects of all linked entity data domains in the collection"; "The refresh
   * methods request a refresh which occurs asynchronously": the cards load at the end of the sync.
   */
  refreshAll(): void {
    this.queueCall("refreshAll", [], (model: FakeWorkbook) => model.reloadLinkedCells("*"));
  }
}
class LinkedEntityDataDomainProxy extends ProxyObject {
  /** "Refreshes all LinkedEntityCellValue objects of the linked entity data domain." */
  refresh(): void {
    this.queueCall("refresh", [], (domain: LinkedDomain) => this.model.reloadLinkedCells(domain.id));
  }
}
describeProxy(LinkedEntityDataDomainProxy, "LinkedEntityDataDomain", {
  id: { get: (d: LinkedDomain) => d.id },
  name: { get: (d: LinkedDomain) => d.name },
  dataProvider: { get: (d: LinkedDomain) => d.dataProvider },
  loadFunctionId: { get: (d: LinkedDomain) => d.loadFunctionId },
  supportedRefreshModes: { get: (d: LinkedDomain) => [...d.supportedRefreshModes] },
});
describeCollection(
  LinkedEntityDataDomainCollectionProxy,
  "LinkedEntityDataDomainCollection",
  LinkedEntityDataDomainProxy,
  (model: FakeWorkbook) => model.linkedDomains,
  (model: FakeWorkbook, key) => model.linkedDomains.find((d) => d.id === key),
);

class WorksheetCollectionProxy extends ProxyCollection {
  add(name?: string): WorksheetProxy {
    return this.navigate(WorksheetProxy, "add", [name], (model: FakeWorkbook) => model.addSheetFromApi(name), "write");
  }
  /** WorksheetCollection.onSelectionChanged (ExcelApi 1.9): "occurs when the selection changes on any worksheet". */
  get onSelectionChanged(): SelectionEventProxy {
    return new SelectionEventProxy(this.context);
  }
}

/**
 * An event's handlers (OfficeExtension.EventHandlers): add(handler) is queued like any operation and takes effect at
 * the sync that sends it; it returns an EventHandlerResult whose remove() is queued the same way. A handler gets the
 * event's arguments only (see FakeWorkbook.selectionHandlers).
 */
class SelectionEventProxy {
  constructor(private readonly context: RequestContext) {}
  add(handler: (args: SelectionChangedArgs) => unknown): SelectionHandlerResult {
    if (typeof handler !== "function") invalidArgument("EventHandlers.add needs a function.");
    this.context.queue({
      kind: "write",
      json: { call: "WorksheetCollection.onSelectionChanged.add" },
      run: () => {
        this.context.model.selectionHandlers.add(handler);
      },
    });
    return new SelectionHandlerResult(this.context, handler);
  }
}
class SelectionHandlerResult {
  constructor(
    private readonly context: RequestContext,
    private readonly handler: (args: SelectionChangedArgs) => unknown,
  ) {}
  remove(): void {
    this.context.queue({
      kind: "write",
      json: { call: "EventHandlerResult.remove" },
      run: () => {
        this.context.model.selectionHandlers.delete(this.handler);
      },
    });
  }
}

class WorksheetProxy extends ProxyObject {
  get protection(): WorksheetProtectionProxy {
    return this.child(WorksheetProtectionProxy, "protection");
  }
  get tables(): TableCollectionProxy {
    return this.child(TableCollectionProxy, "tables", (sheet: FakeSheet) => ({ sheet }));
  }
  get charts(): ChartCollectionProxy {
    return this.child(ChartCollectionProxy, "charts");
  }
  get freezePanes(): FreezePanesProxy {
    return this.child(FreezePanesProxy, "freezePanes");
  }
  getRange(address: string): RangeProxy {
    return this.navigate(RangeProxy, "getRange", [address], (sheet: FakeSheet) =>
      this.model.rangeOnSheet(sheet, address),
    );
  }
  activate(): void {
    this.queueCall("activate", [], (sheet: FakeSheet) => {
      this.model.activeSheet = sheet;
    });
  }
  /** Worksheet.delete (ExcelApi 1.1); the model refuses a very hidden sheet and the last visible one. */
  delete(): void {
    this.queueCall("delete", [], (sheet: FakeSheet) => this.model.deleteSheetFromApi(sheet));
  }
  /**
   * Worksheet.getUsedRangeOrNullObject (ExcelApi 1.4): the smallest range holding every used cell, or a null
   * object on an empty sheet. `valuesOnly` counts only cells with values or formulas; otherwise a cell with only a
   * number format or formatting is used too.
   */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return this.navigate(RangeProxy, "getUsedRangeOrNullObject", [valuesOnly], (sheet: FakeSheet) => {
      let used: SheetRect | undefined;
      for (const [key, cell] of sheet.cells) {
        if (valuesOnly && cell.value === "" && cell.formula === "") continue;
        const [r, c] = key.split(",").map(Number);
        used = used
          ? {
              sheet,
              top: Math.min(used.top, r),
              left: Math.min(used.left, c),
              bottom: Math.max(used.bottom, r),
              right: Math.max(used.right, c),
            }
          : { sheet, top: r, left: c, bottom: r, right: c };
      }
      return used ?? NULL_OBJECT;
    });
  }
}
describeProxy(WorksheetProxy, "Worksheet", {
  name: { get: (sheet: FakeSheet) => sheet.name },
  // Worksheet.visibility (ExcelApi 1.1): "Visible", "Hidden" or "VeryHidden"; anything else is an InvalidArgument
  visibility: {
    get: (sheet: FakeSheet) => sheet.visibility,
    set: (sheet: FakeSheet, v, model: FakeWorkbook) => model.setSheetVisibility(sheet, v),
  },
});
describeCollection(
  WorksheetCollectionProxy,
  "WorksheetCollection",
  WorksheetProxy,
  (model: FakeWorkbook) => model.sheets,
  (model: FakeWorkbook, key) => model.findSheet(key),
);

class WorksheetProtectionProxy extends ProxyObject {}
describeProxy(WorksheetProtectionProxy, "WorksheetProtection", {
  protected: { get: (sheet: FakeSheet) => sheet.isProtected },
});

class FreezePanesProxy extends ProxyObject {
  freezeRows(count = 1): void {
    this.queueCall("freezeRows", [count], (sheet: FakeSheet) => {
      sheet.frozenRows = count;
    });
  }
}
describeProxy(FreezePanesProxy, "WorksheetFreezePanes", {});

// ---------------------------------------------------------------- tables

class TableCollectionProxy extends ProxyCollection {
  /** On a worksheet the address may omit the sheet; on the workbook it needs one (or pass a Range). */
  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    return this.navigate(
      TableProxy,
      "add",
      [address, hasHeaders],
      (scope: { sheet?: FakeSheet }) => {
        const target: SheetRect | typeof NULL_OBJECT =
          address instanceof RangeProxy ? address.liveTarget() : this.rangeInWorkbook(address, scope.sheet);
        if (target === NULL_OBJECT) return invalidArgument("Cannot add a table over a null range.");
        if (scope.sheet && target.sheet !== scope.sheet) invalidArgument("The range is on another worksheet.");
        this.model.refuseIfProtected(target.sheet);
        return this.model.createTable(target, !!hasHeaders);
      },
      "write",
    );
  }
  private rangeInWorkbook(address: string, sheet?: FakeSheet): SheetRect {
    if (sheet) return this.model.rangeOnSheet(sheet, address);
    const parsed = parseA1(address);
    if (parsed.sheet === undefined) invalidArgument(`'${address}' needs a sheet name (like "Sheet1!A1:C4").`);
    return this.model.rangeOnSheet(
      this.model.findSheet(parsed.sheet!) ?? fail("ItemNotFound", `No worksheet named '${parsed.sheet}'.`),
      address,
    );
  }
}

class TableProxy extends ProxyObject {
  get worksheet(): WorksheetProxy {
    return this.child(WorksheetProxy, "worksheet", (t: FakeTable) => t.sheet);
  }
  get autoFilter(): AutoFilterProxy {
    return this.child(AutoFilterProxy, "autoFilter");
  }
  private area(method: string, f: (t: FakeTable) => SheetRect): RangeProxy {
    return this.navigate(RangeProxy, method, [], f);
  }
  getRange(): RangeProxy {
    return this.area("getRange", (t) => ({ sheet: t.sheet, ...t.area }));
  }
  getHeaderRowRange(): RangeProxy {
    return this.area("getHeaderRowRange", (t) => ({ sheet: t.sheet, ...t.area, bottom: t.area.top }));
  }
  getDataBodyRange(): RangeProxy {
    return this.area("getDataBodyRange", (t) => ({ sheet: t.sheet, ...bodyArea(t) }));
  }
  resize(newRange: string | RangeProxy): void {
    this.queueCall("resize", [newRange], (t: FakeTable) => {
      const target =
        newRange instanceof RangeProxy ? newRange.liveTarget() : this.model.rangeOnSheet(t.sheet, newRange);
      if (target === NULL_OBJECT) invalidArgument("Cannot resize a table to a null range.");
      this.model.resizeTable(t, target);
    });
  }
}
describeProxy(TableProxy, "Table", {
  name: { get: (t: FakeTable) => t.name, set: (t: FakeTable, v, model) => model.renameTable(t, v) },
  style: {
    get: (t: FakeTable) => t.style,
    set: (t: FakeTable, v, model) => {
      model.refuseIfProtected(t.sheet);
      t.style = String(v);
    },
  },
  showTotals: {
    get: (t: FakeTable) => t.showTotals,
    set: (t: FakeTable, v, model) => {
      model.refuseIfProtected(t.sheet);
      model.setTableTotals(t, !!v);
    },
  },
});
describeCollection(
  TableCollectionProxy,
  "TableCollection",
  TableProxy,
  (scope: { sheet?: FakeSheet }, model) => model.tables.filter((t) => !scope.sheet || t.sheet === scope.sheet),
  (scope: { sheet?: FakeSheet }, key, model) => model.findTable(key, scope.sheet),
);

/** Table.autoFilter (ExcelApi 1.9): `isDataFiltered` while a filter hides rows. */
class AutoFilterProxy extends ProxyObject {}
describeProxy(AutoFilterProxy, "AutoFilter", {
  isDataFiltered: { get: (t: FakeTable) => t.filter !== undefined },
});

// ---------------------------------------------------------------- ranges

class RangeProxy extends ProxyObject {
  get format(): RangeFormatProxy {
    return this.child(RangeFormatProxy, "format");
  }
  get worksheet(): WorksheetProxy {
    return this.child(WorksheetProxy, "worksheet", (range: SheetRect) => range.sheet);
  }
  getCell(row: number, column: number): RangeProxy {
    return this.navigate(RangeProxy, "getCell", [row, column], (range: SheetRect) =>
      sheetArea(range.sheet, {
        top: range.top + row,
        left: range.left + column,
        bottom: range.top + row,
        right: range.left + column,
      }),
    );
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this.navigate(RangeProxy, "getResizedRange", [deltaRows, deltaColumns], (range: SheetRect) =>
      sheetArea(range.sheet, { ...range, bottom: range.bottom + deltaRows, right: range.right + deltaColumns }),
    );
  }
  /** Range.select: the selection moves, and the selection handlers are told as when the user selects. */
  select(): void {
    this.queueCall("select", [], (range: SheetRect) => {
      this.model.selection = { ...range };
      this.model.activeSheet = range.sheet;
      this.model.selectionChanged();
    });
  }
  /** Range.getEntireRow (ExcelApi 1.1): the whole rows of the range. */
  getEntireRow(): RangeProxy {
    return this.navigate(RangeProxy, "getEntireRow", [], (range: SheetRect) =>
      sheetArea(range.sheet, { top: range.top, bottom: range.bottom, left: 0, right: EXCEL_COLUMNS - 1 }),
    );
  }
  /** Range.getEntireColumn (ExcelApi 1.1): the whole columns of the range. */
  getEntireColumn(): RangeProxy {
    return this.navigate(RangeProxy, "getEntireColumn", [], (range: SheetRect) =>
      sheetArea(range.sheet, { top: 0, bottom: EXCEL_ROWS - 1, left: range.left, right: range.right }),
    );
  }
  /** Range.getColumn (ExcelApi 1.1): one column of the range, counted from 0; past its last column, an error. */
  getColumn(column: number): RangeProxy {
    return this.navigate(RangeProxy, "getColumn", [column], (range: SheetRect) => {
      if (!Number.isInteger(column) || column < 0 || range.left + column > range.right)
        invalidArgument(`Column ${column} is outside the range.`);
      return sheetArea(range.sheet, { ...range, left: range.left + column, right: range.left + column });
    });
  }
  /**
   * Range.getIntersectionOrNullObject (ExcelApi 1.4): the cells this range and another (on the same sheet) share,
   * or a null object when they share none.
   */
  getIntersectionOrNullObject(other: RangeProxy | string): RangeProxy {
    return this.navigate(RangeProxy, "getIntersectionOrNullObject", [other], (range: SheetRect) => {
      const b: SheetRect | typeof NULL_OBJECT =
        other instanceof RangeProxy ? other.liveTarget() : this.model.rangeOnSheet(range.sheet, other);
      if (b === NULL_OBJECT || b.sheet !== range.sheet) return NULL_OBJECT;
      const area = {
        top: Math.max(range.top, b.top),
        left: Math.max(range.left, b.left),
        bottom: Math.min(range.bottom, b.bottom),
        right: Math.min(range.right, b.right),
      };
      return area.top <= area.bottom && area.left <= area.right ? { sheet: range.sheet, ...area } : NULL_OBJECT;
    });
  }
  /**
   * Range.getTables (ExcelApi 1.9): the tables that overlap the range (with fullyContained, only those inside it),
   * a TableScopedCollection "sorted top-to-bottom and then left-to-right" by their top-left corners.
   */
  getTables(fullyContained = false): TableScopedCollectionProxy {
    return this.navigate(TableScopedCollectionProxy, "getTables", [fullyContained], (range: SheetRect) => ({
      range,
      fullyContained,
    }));
  }
}

/** What a TableScopedCollection stands for: the range it was asked of. */
interface TableScope {
  range: SheetRect;
  fullyContained: boolean;
}
const tablesIn = ({ range, fullyContained }: TableScope, model: FakeWorkbook): FakeTable[] =>
  model.tables
    .filter((t) => !t.deleted && t.sheet === range.sheet)
    .filter((t) =>
      fullyContained
        ? t.area.top >= range.top &&
          t.area.bottom <= range.bottom &&
          t.area.left >= range.left &&
          t.area.right <= range.right
        : t.area.top <= range.bottom &&
          range.top <= t.area.bottom &&
          t.area.left <= range.right &&
          range.left <= t.area.right,
    )
    .sort((a, b) => a.area.top - b.area.top || a.area.left - b.area.left);
class TableScopedCollectionProxy extends ProxyCollection {}
describeCollection(
  TableScopedCollectionProxy,
  "TableScopedCollection",
  TableProxy,
  (scope: TableScope, model) => tablesIn(scope, model),
  (scope: TableScope, key, model) =>
    tablesIn(scope, model).find((t) => t.name.toLowerCase() === String(key).toLowerCase()),
);
describeProxy(RangeProxy, "Range", {
  address: { get: (range: SheetRect) => fullAddress(range) },
  values: {
    get: (range: SheetRect, model) => grid(range, (r, c) => model.valueAt(range.sheet, r, c)),
    set: (range: SheetRect, v, model) => model.writeCells(range, "values", v),
  },
  formulas: {
    get: (range: SheetRect, model) => grid(range, (r, c) => model.formulaAt(range.sheet, r, c)),
    set: (range: SheetRect, v, model) => model.writeCells(range, "formulas", v),
  },
  numberFormat: {
    get: (range: SheetRect) => grid(range, (r, c) => range.sheet.get(r, c).numberFormat),
    set: (range: SheetRect, v, model) => model.writeCells(range, "numberFormat", v),
  },
  valuesAsJson: {
    get: (range: SheetRect, model) => grid(range, (r, c) => model.jsonAt(range.sheet, r, c)),
    set: (range: SheetRect, v, model) => model.writeCells(range, "valuesAsJson", v),
    requires: (model) => model.requireDataTypes(),
  },
  text: { get: (range: SheetRect, model) => grid(range, (r, c) => model.textAt(range.sheet, r, c)) },
  // Range.valueTypes (ExcelApi 1.1): read-only, "the type of data in each cell"; a data type reads as "Error"
  valueTypes: { get: (range: SheetRect, model) => grid(range, (r, c) => model.valueTypeAt(range.sheet, r, c)) },
  rowCount: { get: (range: SheetRect) => range.bottom - range.top + 1 },
  // Range.rowIndex, Range.columnIndex (ExcelApi 1.1): "the row (column) number of the first cell in the range. Zero-indexed."
  rowIndex: { get: (range: SheetRect) => range.top },
  columnIndex: { get: (range: SheetRect) => range.left },
  columnCount: { get: (range: SheetRect) => range.right - range.left + 1 },
});

/** Office.js reads a format property as null when the cells disagree. */
const sameOrNull = (vs: unknown[]): unknown => (vs.every((v) => v === vs[0]) ? vs[0] : null);
const formatProperty = (key: string, fallback: unknown): PropertySpec => ({
  get: (range: SheetRect, model) => sameOrNull(model.formatAt(range, key, fallback)),
  set: (range: SheetRect, v, model) => model.setCellFormat(range, key, v),
});

class RangeFormatProxy extends ProxyObject {
  get font(): RangeFontProxy {
    return this.child(RangeFontProxy, "font");
  }
}
describeProxy(RangeFormatProxy, "RangeFormat", {
  columnWidth: {
    get: (range: SheetRect) =>
      sameOrNull(
        grid({ ...range, bottom: range.top }, (_r, c) => range.sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH)[0],
      ),
    set: (range: SheetRect, v, model) => model.setColumnWidth(range, v),
  },
  wrapText: formatProperty("wrapText", false),
});
class RangeFontProxy extends ProxyObject {}
describeProxy(RangeFontProxy, "RangeFont", { bold: formatProperty("bold", false) });

// ---------------------------------------------------------------- charts and custom properties

interface ChartOnSheet {
  sheet: FakeSheet;
  chart: ChartRecord;
}
class ChartCollectionProxy extends ProxyObject {
  add(type: string, sourceData: RangeProxy, seriesBy?: string): ChartProxy {
    return this.navigate(
      ChartProxy,
      "add",
      [type, sourceData, seriesBy ?? "Auto"],
      (sheet: FakeSheet) => {
        const source =
          sourceData instanceof RangeProxy
            ? sourceData.liveTarget()
            : invalidArgument("charts.add needs a Range as its source.");
        return source === NULL_OBJECT
          ? invalidArgument("Cannot chart a null range.")
          : { sheet, chart: this.model.addChart(sheet, type, source, seriesBy) };
      },
      "write",
    );
  }
}
describeProxy(ChartCollectionProxy, "ChartCollection", {});
class ChartProxy extends ProxyObject {
  get title(): ChartTitleProxy {
    return this.child(ChartTitleProxy, "title");
  }
  setPosition(startCell: string | RangeProxy, endCell?: string | RangeProxy): void {
    this.queueCall("setPosition", [startCell, endCell ?? null], ({ sheet, chart }: ChartOnSheet) => {
      this.model.refuseIfProtected(sheet);
      const at = (cell: string | RangeProxy): string =>
        a1Address(cell instanceof RangeProxy ? cell.liveTarget() : this.model.rangeOnSheet(sheet, cell));
      chart.startCell = at(startCell);
      chart.endCell = endCell === undefined ? undefined : at(endCell);
    });
  }
}
const chartText = (key: "name" | "title"): PropertySpec => ({
  get: ({ chart }: ChartOnSheet) => chart[key],
  set: ({ sheet, chart }: ChartOnSheet, v, model) => {
    model.refuseIfProtected(sheet);
    chart[key] = String(v);
  },
});
describeProxy(ChartProxy, "Chart", { name: chartText("name") });
class ChartTitleProxy extends ProxyObject {}
describeProxy(ChartTitleProxy, "ChartTitle", { text: chartText("title") });

class DocumentPropertiesProxy extends ProxyObject {
  get custom(): CustomPropertyCollectionProxy {
    return this.child(CustomPropertyCollectionProxy, "custom");
  }
}
describeProxy(DocumentPropertiesProxy, "DocumentProperties", {});
class CustomPropertyCollectionProxy extends ProxyCollection {
  /** Adds, or sets the value of an existing key (ignoring case). */
  add(key: string, value: unknown): CustomPropertyProxy {
    return this.navigate(
      CustomPropertyProxy,
      "add",
      [key, value],
      (model: FakeWorkbook) => model.setProperty(key, value),
      "write",
    );
  }
}
class CustomPropertyProxy extends ProxyObject {}
describeProxy(CustomPropertyProxy, "CustomProperty", { value: { get: (p: CustomProperty) => p.value } });
describeCollection(
  CustomPropertyCollectionProxy,
  "CustomPropertyCollection",
  CustomPropertyProxy,
  (model: FakeWorkbook) => [...model.customProps.values()],
  (model: FakeWorkbook, key) => model.customProps.get(String(key).toLowerCase()),
);

// ---------------------------------------------------------------- installation

/** Office.js string enums: Excel.ChartSeriesBy.columns === "Columns". */
const stringEnum = (): Record<string, string> =>
  new Proxy(
    {},
    {
      get: (_t, k) => (typeof k === "string" && /^[a-z]/.test(k) ? k.charAt(0).toUpperCase() + k.slice(1) : undefined),
    },
  );

/** Sets globalThis.Excel (and OfficeExtension) to the stand-in over `model`; uninstall() restores them. */
export function installFakeExcel(model: FakeWorkbook): FakeExcelHandle {
  const g = globalThis as any;
  const previous = { Excel: g.Excel, OfficeExtension: g.OfficeExtension };
  const handle: FakeExcelHandle = {
    syncCount: 0,
    requests: [],
    maxRequestBytes: 0,
    responses: [],
    maxResponseBytes: 0,
    resetCounters() {
      handle.syncCount = 0;
      handle.requests.length = 0;
      handle.maxRequestBytes = 0;
      handle.responses.length = 0;
      handle.maxResponseBytes = 0;
    },
    uninstall() {
      for (const k of ["Excel", "OfficeExtension"] as const) {
        if (previous[k] === undefined) delete g[k];
        else g[k] = previous[k];
      }
    },
  };
  /** A fresh context per run; operations still queued when the batch's promise resolves are synced. */
  async function run<T>(...args: unknown[]): Promise<T> {
    const batch = args[args.length - 1];
    if (typeof batch !== "function") return invalidArgument("Excel.run needs a batch function.");
    const context = new RequestContext(handle, model);
    try {
      const pending = batch(context);
      if (!pending || typeof pending.then !== "function")
        fail("RunMustReturnPromise", 'The batch function passed to the ".run" method didn\'t return a promise.');
      const result = (await pending) as T;
      if (context.operations.some((o) => o.kind !== "navigation")) await context.sync();
      return result;
    } finally {
      context.closed = true;
    }
  }
  g.Excel = { run, ChartSeriesBy: stringEnum(), ChartType: stringEnum() };
  g.OfficeExtension = { Error: FakeExcelError };
  return handle;
}
