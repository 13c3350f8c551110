/**
 * A workbook package written part by part as OOXML (ECMA-376 Part 1; the 2017-2018 threaded comments and persons
 * parts as [MS-XLSX] describes them), carrying what exceljs does not model: a chart and an image in a drawing, a
 * pivot cache and pivot table, threaded comments with their legacy comments and VML, data validation and
 * conditional formatting, defined names (one local to a sheet), a table, a calculation chain, the dynamic-array
 * metadata (a cell with cm="1"), a custom XML part, and for the .xlsm a VBA project part under the macro-enabled
 * content type. Sheet Calc holds IOMT formulas of each kind: ordinary, a shared group, an array over E1:F6, a
 * dynamic array, one that needs array evaluation, a lookup on a cell; and native ones beside them.
 */
import { zipOf } from "./zip-bytes";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PR = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A 1 x 1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** Bytes standing for a VBA project (an OLE compound file in a real one); only their identity is checked. */
export const VBA_PROJECT = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(1024, 7)]);

/** The IOMT formulas of sheet Calc, by cell, as the file stores them (a shared group's other cells slid). */
export const CALC_FORMULAS: Record<string, string> = {
  B1: "IOMT.CAGR(Data!B2,Data!B3,5)",
  C1: "IOMT.PROJECT(Data!B2,0.1,2)",
  C2: "IOMT.PROJECT(Data!B3,0.1,2)",
  C3: "IOMT.PROJECT(Data!B4,0.1,2)",
  E1: 'IOMT.SERIES("USA")',
  H1: "IOMT.SHARE(Data!B2:B4)",
  B5: "SUM(IOMT.SHARE(Data!B2:B4))",
  A7: "IOMT.VALUE(A1,2029)",
  A8: "IOMT.RATE(Calc!A1)*100",
};

/** The native formulas of sheet Calc, which stay as they are. */
export const NATIVE_FORMULAS: Record<string, string> = {
  B2: "SUM(Data!B2:B3)",
  D1: "C1*2",
  D2: "C2*2",
  D3: "C3*2",
};

const sheetData = `<sheetData>
<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1" s="1"><f>IOMT.CAGR(Data!B2,Data!B3,5)</f><v>0.226</v></c><c r="C1"><f t="shared" ref="C1:C3" si="0">IOMT.PROJECT(Data!B2,0.1,2)</f><v>1</v></c><c r="D1"><f t="shared" ref="D1:D3" si="1">C1*2</f><v>2</v></c><c r="E1" t="e"><f t="array" ref="E1:F6">IOMT.SERIES("USA")</f><v>#NAME?</v></c><c r="F1"><v>0</v></c><c r="H1" cm="1"><f t="array" ref="H1:H3">IOMT.SHARE(Data!B2:B4)</f><v>0.25</v></c></row>
<row r="2"><c r="B2"><f>SUM(Data!B2:B3)</f><v>107561</v></c><c r="C2"><f t="shared" si="0"/><v>1</v></c><c r="D2"><f t="shared" si="1"/><v>2</v></c><c r="E2"><v>0</v></c><c r="H2"><v>0.7</v></c></row>
<row r="3"><c r="C3"><f t="shared" si="0"/><v>1</v></c><c r="D3"><f t="shared" si="1"/><v>2</v></c><c r="H3"><v>0.05</v></c></row>
<row r="5"><c r="B5" t="e"><f>SUM(IOMT.SHARE(Data!B2:B4))</f><v>#NAME?</v></c></row>
<row r="7"><c r="A7" s="1" t="e"><f>IOMT.VALUE(A1,2029)</f><v>#NAME?</v></c></row>
<row r="8"><c r="A8" t="e"><f>IOMT.RATE(Calc!A1)*100</f><v>#NAME?</v></c></row>
</sheetData>`;

const calcSheet = `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:H8"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${sheetData}<conditionalFormatting sqref="B1:B3"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>0.2</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="A1"><formula1>"USA,EU,North America"</formula1></dataValidation></dataValidations><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/><legacyDrawing r:id="rId2"/></worksheet>`;

const dataSheet = `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:B4"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>28454</v></c></row>
<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3"><v>79107</v></c></row>
<row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4"><v>5</v></c></row>
</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;

const rels = (items: Array<[string, string, string]>) =>
  `${HEAD}<Relationships xmlns="${PR}">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join("")}</Relationships>`;

/** The parts of the fixture workbook; `macro`: an .xlsm with a VBA project. */
export function fixtureParts({ macro = false } = {}): Record<string, string | Buffer> {
  const workbookType = macro
    ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    : `${CT}.spreadsheetml.sheet.main+xml`;
  const parts: Record<string, string | Buffer> = {
    "[Content_Types].xml": `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="${CT}.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="vml" ContentType="${CT}.vmlDrawing"/>${macro ? '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' : ""}<Override PartName="/xl/workbook.xml" ContentType="${workbookType}"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/calcChain.xml" ContentType="${CT}.spreadsheetml.calcChain+xml"/><Override PartName="/xl/tables/table1.xml" ContentType="${CT}.spreadsheetml.table+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="${CT}.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="${CT}.drawingml.chart+xml"/><Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="${CT}.spreadsheetml.pivotCacheDefinition+xml"/><Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="${CT}.spreadsheetml.pivotCacheRecords+xml"/><Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="${CT}.spreadsheetml.pivotTable+xml"/><Override PartName="/xl/comments1.xml" ContentType="${CT}.spreadsheetml.comments+xml"/><Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/><Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/><Override PartName="/xl/metadata.xml" ContentType="${CT}.spreadsheetml.sheetMetadata+xml"/><Override PartName="/customXml/itemProps1.xml" ContentType="${CT}.customXmlProperties+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/></Types>`,
    "_rels/.rels": rels([
      ["rId1", `${R}/officeDocument`, "xl/workbook.xml"],
      [
        "rId2",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml",
      ],
      ["rId3", `${R}/extended-properties`, "docProps/app.xml"],
    ]),
    "docProps/core.xml": `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Analyst</dc:creator></cp:coreProperties>`,
    "docProps/app.xml": `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application><TitlesOfParts><vt:vector xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes" size="2" baseType="lpstr"><vt:lpstr>Data</vt:lpstr><vt:lpstr>Calc</vt:lpstr></vt:vector></TitlesOfParts></Properties>`,
    "xl/workbook.xml": `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${R}"><workbookPr${macro ? ' codeName="ThisWorkbook"' : ""}/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="20000" windowHeight="10000" activeTab="0"/></bookViews><sheets><sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="Calc" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">Calc!$A$1:$H$8</definedName><definedName name="Growth">Calc!$B$1</definedName></definedNames><calcPr calcId="191029"/><pivotCaches><pivotCache cacheId="1" r:id="rId6"/></pivotCaches></workbook>`,
    "xl/_rels/workbook.xml.rels": rels([
      ["rId1", `${R}/worksheet`, "worksheets/sheet1.xml"],
      ["rId2", `${R}/worksheet`, "worksheets/sheet2.xml"],
      ["rId3", `${R}/styles`, "styles.xml"],
      ["rId4", `${R}/sharedStrings`, "sharedStrings.xml"],
      ["rId5", `${R}/calcChain`, "calcChain.xml"],
      ["rId6", `${R}/pivotCacheDefinition`, "pivotCache/pivotCacheDefinition1.xml"],
      ["rId7", `${R}/sheetMetadata`, "metadata.xml"],
      ["rId8", "http://schemas.microsoft.com/office/2017/10/relationships/person", "persons/person.xml"],
      ["rId9", `${R}/customXml`, "../customXml/item1.xml"],
      ...(macro
        ? ([["rId10", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin"]] as Array<
            [string, string, string]
          >)
        : []),
    ]),
    "xl/styles.xml": `${HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><font><b/></font></dxf></dxfs></styleSheet>`,
    "xl/sharedStrings.xml": `${HEAD}<sst xmlns="${MAIN}" count="5" uniqueCount="5"><si><t>Segment</t></si><si><t>Value</t></si><si><t>USA</t></si><si><t>EU</t></si><si><r><t>x</t></r></si></sst>`,
    "xl/calcChain.xml": `${HEAD}<calcChain xmlns="${MAIN}"><c r="B1" i="2"/><c r="C1" i="2"/><c r="D1" i="2"/><c r="E1" i="2" a="1"/><c r="H1" i="2" a="1"/><c r="B2" i="2"/><c r="B5" i="2"/><c r="A7" i="2"/><c r="A8" i="2"/></calcChain>`,
    "xl/metadata.xml": `${HEAD}<metadata xmlns="${MAIN}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`,
    "xl/worksheets/sheet1.xml": dataSheet,
    "xl/worksheets/_rels/sheet1.xml.rels": rels([
      ["rId1", `${R}/table`, "../tables/table1.xml"],
      ["rId2", `${R}/pivotTable`, "../pivotTables/pivotTable1.xml"],
    ]),
    "xl/worksheets/sheet2.xml": calcSheet,
    "xl/worksheets/_rels/sheet2.xml.rels": rels([
      ["rId1", `${R}/drawing`, "../drawings/drawing1.xml"],
      ["rId2", `${R}/vmlDrawing`, "../drawings/vmlDrawing1.vml"],
      ["rId3", `${R}/comments`, "../comments1.xml"],
      [
        "rId4",
        "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
        "../threadedComments/threadedComment1.xml",
      ],
    ]),
    "xl/tables/table1.xml": `${HEAD}<table xmlns="${MAIN}" id="1" name="Figures" displayName="Figures" ref="A1:B4" totalsRowShown="0"><autoFilter ref="A1:B4"/><tableColumns count="2"><tableColumn id="1" name="Segment"/><tableColumn id="2" name="Value"/></tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
    "xl/drawings/drawing1.xml": `${HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>15</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor><xdr:oneCellAnchor><xdr:from><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="3" name="Picture 2"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="${R}" r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>`,
    "xl/drawings/_rels/drawing1.xml.rels": rels([
      ["rId1", `${R}/chart`, "../charts/chart1.xml"],
      ["rId2", `${R}/image`, "../media/image1.png"],
    ]),
    "xl/media/image1.png": PNG,
    "xl/charts/chart1.xml": `${HEAD}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>Data!$A$2:$A$4</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>Data!$B$2:$B$4</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`,
    "xl/pivotCache/pivotCacheDefinition1.xml": `${HEAD}<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${R}" r:id="rId1" refreshOnLoad="1" recordCount="3"><cacheSource type="worksheet"><worksheetSource ref="A1:B4" sheet="Data"/></cacheSource><cacheFields count="2"><cacheField name="Segment" numFmtId="0"><sharedItems count="3"><s v="USA"/><s v="EU"/><s v="x"/></sharedItems></cacheField><cacheField name="Value" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="5" maxValue="79107"/></cacheField></cacheFields></pivotCacheDefinition>`,
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": rels([
      ["rId1", `${R}/pivotCacheRecords`, "pivotCacheRecords1.xml"],
    ]),
    "xl/pivotCache/pivotCacheRecords1.xml": `${HEAD}<pivotCacheRecords xmlns="${MAIN}" count="3"><r><x v="0"/><n v="28454"/></r><r><x v="1"/><n v="79107"/></r><r><x v="2"/><n v="5"/></r></pivotCacheRecords>`,
    "xl/pivotTables/pivotTable1.xml": `${HEAD}<pivotTableDefinition xmlns="${MAIN}" name="PivotTable1" cacheId="1" dataCaption="Values" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" updatedVersion="6" createdVersion="6" indent="0" outline="1" outlineData="1"><location ref="D1:E5" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="4"><item x="0"/><item x="1"/><item x="2"/><item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields><rowFields count="1"><field x="0"/></rowFields><rowItems count="4"><i><x/></i><i><x v="1"/></i><i><x v="2"/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems><dataFields count="1"><dataField name="Sum of Value" fld="1" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>`,
    "xl/pivotTables/_rels/pivotTable1.xml.rels": rels([
      ["rId1", `${R}/pivotCacheDefinition`, "../pivotCache/pivotCacheDefinition1.xml"],
    ]),
    "xl/comments1.xml": `${HEAD}<comments xmlns="${MAIN}"><authors><author>tc={B7C1F1A0-0000-4000-8000-000000000001}</author></authors><commentList><comment ref="A1" authorId="0"><text><t>[Threaded comment] Check the region name</t></text></comment></commentList></comments>`,
    "xl/drawings/vmlDrawing1.vml": `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>0</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>`,
    "xl/threadedComments/threadedComment1.xml": `${HEAD}<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="A1" dT="2026-01-06T09:00:00.00" personId="{6F2A1C00-0000-4000-8000-000000000002}" id="{B7C1F1A0-0000-4000-8000-000000000001}"><text>Check the region name</text></threadedComment></ThreadedComments>`,
    "xl/persons/person.xml": `${HEAD}<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="Analyst" id="{6F2A1C00-0000-4000-8000-000000000002}" userId="analyst@example.org" providerId="None"/></personList>`,
    "customXml/item1.xml": `${HEAD}<review xmlns="urn:example:review"><status>draft</status></review>`,
    "customXml/itemProps1.xml": `${HEAD}<ds:datastoreItem xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml" ds:itemID="{0C5E0F00-0000-4000-8000-000000000003}"/>`,
    "customXml/_rels/item1.xml.rels": rels([["rId1", `${R}/customXmlProps`, "itemProps1.xml"]]),
  };
  if (macro) parts["xl/vbaProject.bin"] = VBA_PROJECT;
  return parts;
}

/** The fixture workbook as a file's bytes. */
export const fixtureWorkbook = (options: { macro?: boolean } = {}): Promise<Buffer> => zipOf(fixtureParts(options));
