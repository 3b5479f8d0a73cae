/**
 * The bookkeeping rows the original server's drizzle migrator leaves in
 * `drizzle.__drizzle_migrations` after its 15 migrations (schema.md §1). `hash` is the SHA-256 of
 * the original `.sql` file and `createdAt` its journal `when`; both are copied verbatim because
 * the original, started later on the same database, decides what is applied from `createdAt`.
 */
export interface MigrationRecord {
  readonly hash: string;
  /** Milliseconds since the epoch; the drizzle migrator compares these, not hashes. */
  readonly createdAt: number;
}

export const originalHistory: readonly (MigrationRecord & { readonly tag: string })[] = [
  {
    tag: "0000_legal_franklin_storm",
    createdAt: 1771003703671,
    hash: "e0f911e2ed5e028d2d9eed32f936506bcf8083e16b6d3d18120278b31f749d16",
  },
  {
    tag: "0001_married_psynapse",
    createdAt: 1771004692127,
    hash: "febb4177805022a853358a62571cbd9527bc8ece059f61917de2fc8bd96b78f2",
  },
  {
    tag: "0002_blue_shard",
    createdAt: 1771004877841,
    hash: "1a24a5c446787fd780579d2e2d8595973e093cc2060651f1b312540ba39cbb10",
  },
  {
    tag: "0003_ambiguous_venus",
    createdAt: 1771004931093,
    hash: "1a8c77549f3107be95306c7204ae96052bc1105a417e014ef44cb0ab70518e0f",
  },
  {
    tag: "0004_mysterious_rocket_racer",
    createdAt: 1771005344196,
    hash: "3611deacd9e6d8f2bc43e299677379823142dda38bd87fea66bedb1a69a91a43",
  },
  {
    tag: "0005_fancy_black_bolt",
    createdAt: 1771062325669,
    hash: "3429a0a4d216bbf47f07c0e6f36e465ee1dec82cf57540ab9727fde31bf1b7e4",
  },
  {
    tag: "0006_fuzzy_mad_thinker",
    createdAt: 1771089329351,
    hash: "49ffec15d66b03238cb78edeaca5f0044a01043b148746fe3b89de0814de6dc9",
  },
  {
    tag: "0007_majestic_ultragirl",
    createdAt: 1771214396488,
    hash: "5dbf5cd24394efa55a9537a9fa7596eeff40f99ecbb5a017d1791fd48dc1cd8b",
  },
  {
    tag: "0008_remarkable_ares",
    createdAt: 1771230922315,
    hash: "52d46260a6629817dc9b7ebaa02190d1498e08bb99ccc597369f229c877909f8",
  },
  {
    tag: "0009_pretty_stingray",
    createdAt: 1771241446502,
    hash: "e28c94497b2236b9dda688ba288117c2b0c6dec83fd918bd4e07e6cfabf1b24d",
  },
  {
    tag: "0010_real_lady_bullseye",
    createdAt: 1771298028238,
    hash: "50a815ebf705d5334f4bb3a678b2b96d97f20de712164ef4cf8b0038c2153aa7",
  },
  {
    tag: "0011_strong_tarot",
    createdAt: 1771303992271,
    hash: "939b00e5f9c09470f1c3c0d5b2657c66de40dd11bb5ed9f5be1357ca1d40299e",
  },
  {
    tag: "0012_whole_darkstar",
    createdAt: 1771469865385,
    hash: "ac79d7b06c35cb91d44e04076846a1edce0310d209df16cbca4d1596a1c6f270",
  },
  {
    tag: "0013_young_tempest",
    createdAt: 1771499753419,
    hash: "c7516ccc5c92323901b6af5c5003387d71bc2d33f75c310df5d1729bcf9e3b61",
  },
  {
    tag: "0014_curly_squadron_supreme",
    createdAt: 1771605691621,
    hash: "1e8c690785e603ad17f3490b3583682a6814aebacb825e7312aa088f721c5282",
  },
];
