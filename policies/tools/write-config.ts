// `npm run config`: writes config/<stack>.json for every stack from config/stacks.ts.

import * as fs from "fs";
import * as path from "path";
import { STACK_NAMES } from "../config/stacks";
import { renderConfig } from "./config";

const dir = path.resolve(__dirname, "..", "..", "config");
for (const stack of STACK_NAMES) {
    const file = path.join(dir, `${stack}.json`);
    const text = renderConfig(stack);
    const changed = !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text;
    fs.writeFileSync(file, text);
    console.log(`${changed ? "wrote" : "unchanged"} ${path.relative(process.cwd(), file)}`);
}
