/**
 * Abbreviations the address normaliser expands, uppercase ASCII. `ST` is not here: it is
 * SAINT or STREET by position (see `address.ts`).
 */

/** Street-type and other common address abbreviations → the full word. */
export const ADDRESS_ABBREVIATIONS: Readonly<Record<string, string>> = {
  RD: 'ROAD',
  AVE: 'AVENUE',
  AV: 'AVENUE',
  CL: 'CLOSE',
  CRES: 'CRESCENT',
  CRESC: 'CRESCENT',
  DR: 'DRIVE',
  DRV: 'DRIVE',
  GDNS: 'GARDENS',
  GDN: 'GARDEN',
  LN: 'LANE',
  PL: 'PLACE',
  SQ: 'SQUARE',
  TER: 'TERRACE',
  TERR: 'TERRACE',
  TCE: 'TERRACE',
  CT: 'COURT',
  CRT: 'COURT',
  GRO: 'GROVE',
  GR: 'GROVE',
  PK: 'PARK',
  MT: 'MOUNT',
  PDE: 'PARADE',
  HTS: 'HEIGHTS',
  MWS: 'MEWS',
  WY: 'WAY',
  WLK: 'WALK',
  WK: 'WALK',
  YD: 'YARD',
  GRN: 'GREEN',
  HL: 'HILL',
  VW: 'VIEW',
  ESP: 'ESPLANADE',
  PROM: 'PROMENADE',
  EST: 'ESTATE',
  MNR: 'MANOR',
  HSE: 'HOUSE',
  BLDG: 'BUILDING',
  BLDGS: 'BUILDINGS',
  CTGE: 'COTTAGE',
  COTT: 'COTTAGE',
  FM: 'FARM',
  BLK: 'BLOCK',
  FLR: 'FLOOR',
  RM: 'ROOM',
  UPR: 'UPPER',
  LWR: 'LOWER',
  GT: 'GREAT',
  LTL: 'LITTLE',
  NTH: 'NORTH',
  STH: 'SOUTH',
  APT: 'FLAT',
  APARTMENT: 'FLAT',
};

/**
 * Words that, before `ST` and another word, make it SAINT rather than STREET:
 * `GREAT ST HELENS`, `UPPER ST GILES STREET`, `LITTLE ST MARYS LANE`.
 */
export const BEFORE_SAINT: ReadonlySet<string> = new Set(
  'UPPER LOWER GREAT LITTLE OLD NEW NORTH SOUTH EAST WEST'.split(' '),
);

/** Words that end a thoroughfare name; a line ending in one is taken as the street. */
export const THOROUGHFARE_TYPES: ReadonlySet<string> = new Set(
  (
    'ROAD STREET AVENUE CLOSE CRESCENT DRIVE GARDENS LANE PLACE SQUARE TERRACE COURT GROVE ' +
    'PARK MOUNT PARADE HEIGHTS MEWS WAY WALK YARD GREEN HILL VIEW ESPLANADE PROMENADE ROW ' +
    'RISE VALE WHARF QUAY BROADWAY BOULEVARD CIRCUS CAUSEWAY HIGHWAY APPROACH GATE END'
  ).split(' '),
);
