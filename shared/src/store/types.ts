/** Postgres type OIDs whose parsing both drivers agree on. */
export const PgType = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184, numeric: 1700 } as const;

/** The value parsers both drivers use, so rows look the same whichever store produced them. */
export const valueParsers: Record<number, (text: string) => unknown> = {
  [PgType.int8]: (text) => Number(text),
  [PgType.date]: (text) => text,
  [PgType.numeric]: (text) => text,
  [PgType.timestamptz]: (text) => new Date(text),
  [PgType.timestamp]: (text) => new Date(`${text.replace(' ', 'T')}Z`),
};
