import packageJson from "../package.json";

/** The release version, taken from package.json when the code is bundled. */
export const VERSION: string = packageJson.version;
