// Files imported `with { type: "text" }` are bundled as their text.
declare module "*.csv" {
  const text: string;
  export default text;
}
