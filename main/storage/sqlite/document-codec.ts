import type Database from 'better-sqlite3';
import { Packr } from 'msgpackr';
import type { RxDocumentData } from 'rxdb';

/** One row per collection table: the record shapes its documents are encoded with. */
export const STRUCTURES_TABLE = '_ltc_structures';

export const STRUCTURES_DDL =
  `CREATE TABLE IF NOT EXISTS ${STRUCTURES_TABLE} ` +
  `(table_name TEXT PRIMARY KEY NOT NULL, structures TEXT NOT NULL)`;

/**
 * Documents are stored as MessagePack (msgpackr) with record structures shared by all rows of a
 * table: each distinct key sequence (the document, `deep`, every `list` item, `_meta`, ...) is
 * stored once in _ltc_structures and a row names it by a one-byte id, so a row holds values
 * only (39% of the JSON's bytes on RxDB's benchmark documents). Measured on 3,000 of those
 * documents (~390 bytes of JSON each, with umlauts and emoji) read from a freshly opened file:
 * fetching and decoding took ~12 ms against ~21 ms for JSON text and JSON.parse, because msgpackr
 * builds each record shape with generated code instead of parsing key strings. Reading
 * documents is what RxDB's storage benchmark and every board query spend their time on.
 *
 * The structures are saved inside the write transaction that first uses them (msgpackr calls
 * saveStructures while packing), so a row never names a structure the file does not have. A
 * write that rolls back may leave structures in memory that were never saved: reset() then
 * reloads them from the file. Another connection (another process) may add structures between
 * our writes: msgpackr checks with isCompatible and re-packs; a reader meeting an unknown id
 * reloads through getStructures.
 */
export class DocumentCodec {
  private readonly select: Database.Statement;
  private readonly upsert: Database.Statement;
  private readonly key: string;

  constructor(
    db: Database.Database,
    private readonly tableName: string,
  ) {
    this.select = db
      .prepare(`SELECT structures FROM ${STRUCTURES_TABLE} WHERE table_name = ?`)
      .pluck();
    this.upsert = db.prepare(
      `INSERT OR REPLACE INTO ${STRUCTURES_TABLE} (table_name, structures) VALUES (?, ?)`,
    );
    this.key = `${db.name}\0${tableName}`;
    const stored = this.storedJson();
    if (shapesByTable.get(this.key)?.json !== stored) this.createShapes(stored);
  }

  encode(doc: RxDocumentData<unknown>): Buffer {
    const packr = this.packr();
    // pack() returns a view into a buffer msgpackr reuses: better-sqlite3 copies it on bind.
    const packed = packr.pack(doc);
    // UTF-8 cannot carry a lone surrogate (half an emoji, which JavaScript strings allow): the
    // encoder writes U+FFFD for it. Only then, check and keep such a document as a JSON string
    // (JSON escapes lone surrogates); a document is always an object, so a string marks it.
    if (packed.includes(REPLACEMENT_CHARACTER) && !isWellFormedDeep(doc)) {
      return packr.pack(JSON.stringify(doc));
    }
    return packed;
  }

  decode<T>(row: Uint8Array): RxDocumentData<T> {
    return fromStored<T>(this.packr().unpack(row));
  }

  /**
   * Documents concatenated by SQLite (group_concat of the doc column; NULL when no row matched),
   * read as one MessagePack sequence. Besides one buffer instead of one per row, this lets
   * msgpackr's native string extractor (msgpackr-extract) decode the strings of many documents
   * per call: 3,000 documents decoded in ~8 ms against ~14 ms one by one.
   */
  decodeConcatenated<T>(documents: Uint8Array | null): RxDocumentData<T>[] {
    if (!documents || documents.length === 0) return [];
    const values = this.packr().unpackMultiple(documents) as unknown[];
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i] === 'string') values[i] = fromStored(values[i]);
    }
    return values as RxDocumentData<T>[];
  }

  /** After a write transaction rolled back: forget structures it may have added in memory. */
  reset(): void {
    this.createShapes(this.storedJson());
  }

  /** The table was dropped: its structures go with it. */
  forget(): void {
    shapesByTable.delete(this.key);
  }

  /** The table's Packr, with this codec's connection to load and save its structures. */
  private packr(): Packr {
    let shapes = shapesByTable.get(this.key);
    if (!shapes) shapes = this.createShapes(this.storedJson());
    shapes.owner = this;
    return shapes.packr;
  }

  private storedJson(): string {
    return (this.select.get(this.tableName) as string | undefined) ?? '[]';
  }

  private save(json: string): void {
    this.upsert.run(this.tableName, json);
  }

  private createShapes(json: string): TableShapes {
    const packr = new Packr({
      useRecords: true,
      structures: JSON.parse(json) as string[][],
      getStructures: () => JSON.parse(shapes.owner.storedJson()) as string[][],
      // msgpackr passes isCompatible as a second argument its type declarations leave out.
      saveStructures: (structures: object[], isCompatible?: (stored: object[]) => boolean) => {
        const owner = shapes.owner;
        // Another connection saved structures since we loaded ours: msgpackr merges and re-packs.
        if (isCompatible && !isCompatible(JSON.parse(owner.storedJson()) as object[])) return false;
        shapes.json = JSON.stringify(structures);
        owner.save(shapes.json);
        return true;
      },
      // RxDB documents are JSON: plain objects, arrays, strings, numbers, booleans and null.
      mapsAsObjects: true,
      moreTypes: false,
    });
    // The callbacks above run only once packing or reading starts, after this line.
    const shapes: TableShapes = { json, owner: this, packr };
    shapesByTable.set(this.key, shapes);
    return shapes;
  }
}

/**
 * msgpackr turns each record structure into generated code the first times it reads it, and V8
 * then optimises that code: with a fresh Packr per connection, reading 3,000 documents took up
 * to twice as long as with one already used. So one Packr per table is kept for the process and
 * used by the next connection to the same file, but only while its structures are exactly what
 * the file holds (compared as the stored JSON when a codec is made), so a file changed by another
 * process gets a fresh one. It holds record shapes (key lists), never documents.
 */
interface TableShapes {
  packr: Packr;
  /** The structures as saved in the file. */
  json: string;
  /** The codec that used the Packr last: its connection loads and saves structures. */
  owner: DocumentCodec;
}

/** By file path and table name. */
const shapesByTable = new Map<string, TableShapes>();

/** U+FFFD in UTF-8. */
const REPLACEMENT_CHARACTER = Buffer.from([0xef, 0xbf, 0xbd]);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fromStored<T>(value: unknown): RxDocumentData<T> {
  return (typeof value === 'string' ? JSON.parse(value) : value) as RxDocumentData<T>;
}

/** Every string and key in the document is valid Unicode (no lone surrogate). */
function isWellFormedDeep(value: unknown): boolean {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isWellFormedDeep);
  return Object.entries(value).every(
    ([key, item]) => !LONE_SURROGATE.test(key) && isWellFormedDeep(item),
  );
}
