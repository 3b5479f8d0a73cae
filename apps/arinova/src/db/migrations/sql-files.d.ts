// SQL migration files are imported as text (`with { type: "text" }`) so that
// `bun build --compile` embeds them in the binary instead of reading them at run time.
declare module "*.sql" {
  const text: string;
  export default text;
}
