export { normalizeHeader } from "./columns";
export {
  decodeSettlementBytes,
  detectDelimiter,
  importSettlement,
  parseSettlement,
  type ImportOptions,
} from "./import";
export { settlementFileToJson, type SettlementFileJson, type SettlementRowJson } from "./json";
export type { ReaderOptions } from "./reader";
export type {
  ImportProgress,
  RowKind,
  SettlementFile,
  SettlementLayout,
  SettlementProblem,
  SettlementRow,
  Severity,
} from "./types";
export { postedRowKey, settlementRowKey, unionSettlementFiles } from "./union";
