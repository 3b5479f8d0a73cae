// Rails writes SQLite datetimes as UTC "YYYY-MM-DD HH:MM:SS.ffffff"; we keep that text format so rows
// written by either implementation sort and compare the same way.
export function toDbTime(date: Date): string {
  return `${date.toISOString().replace("T", " ").replace("Z", "")}000`;
}

export function fromDbTime(value: string): Date {
  return new Date(`${value.replace(" ", "T").slice(0, 23)}Z`);
}
