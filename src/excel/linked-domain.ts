/**
 * The segment cards' linked entity data domain (ExcelApi 1.19; Windows and Mac, not Excel on the web), registered
 * when the pane or the shared runtime starts, as Microsoft's "Create linked entity data types in Excel add-ins"
 * advises ("Register linked entity data domains in your Office.onReady initialization code"). Excel then calls the
 * load service (IOMT.SEGMENTCARDS) for the cards of linked segment cells, on demand and at Data > Refresh All.
 */
import { SEGMENT_DOMAIN } from "../core/functions";

/**
 * Registers the domain unless this workbook has it already (a pane opened again in the same session). Resolves true
 * when the domain is there, false when Excel refused it: the add-in then writes full cards, as where Excel lacks 1.19.
 */
export async function registerSegmentDomain(): Promise<boolean> {
  try {
    return await Excel.run(async (context) => {
      const domains = context.workbook.linkedEntityDataDomains;
      const existing = domains.getItemOrNullObject(SEGMENT_DOMAIN.id);
      await context.sync();
      if (!existing.isNullObject) return true;
      // refresh mode Manual, the default: Data > Refresh All (the bundled dataset changes only with the add-in)
      domains.add({ ...SEGMENT_DOMAIN });
      await context.sync();
      return true;
    });
  } catch {
    return false;
  }
}

/**
 * Asks Excel to load every card of the domain again from the load service (LinkedEntityDataDomain.refresh(), as
 * Data > Refresh All does); Excel does it after the request, asynchronously.
 */
export async function reloadSegmentCards(context: Excel.RequestContext, sync: () => Promise<void>): Promise<void> {
  context.workbook.linkedEntityDataDomains.getItem(SEGMENT_DOMAIN.id).refresh();
  await sync();
}
