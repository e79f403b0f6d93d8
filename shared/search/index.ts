export { foldQuery, foldText, type FoldedText, type TextRange } from './normalize';
export { matchPinyin, matchText, MATCH_KINDS, type MatchKind, type TextMatch } from './match';
export { matchPhone, phoneKey, phoneQuery, type PhoneKey } from './phone';
export { readingsOf, searchKey, type SearchKey } from './pinyin-keys';
export {
  EntryCache,
  indexPhone,
  indexText,
  search,
  type Found,
  type IndexedText,
  type SearchEntry,
} from './rank';
