// Builds the theme CSS from GOV.UK Frontend and copies the fonts, images and scripts it needs
// into opengov/static/vendor/ (ignored by git: `make run` and `make test` rebuild it).
import { cp, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const staticDir = join(here, "..", "opengov", "static");
const govuk = join(here, "node_modules", "govuk-frontend", "dist", "govuk");

await mkdir(join(staticDir, "css"), { recursive: true });
await mkdir(join(staticDir, "vendor", "govuk"), { recursive: true });
await mkdir(join(staticDir, "vendor", "htmx"), { recursive: true });
await mkdir(join(staticDir, "vendor", "dejavu"), { recursive: true });

const theme = process.env.OPENGOV_THEME || join(here, "theme.scss");
const result = sass.compile(theme, {
  loadPaths: [join(here, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
await writeFile(join(staticDir, "css", "opengov.css"), result.css);

await cp(join(govuk, "assets"), join(staticDir, "vendor", "govuk", "assets"), { recursive: true });
await cp(join(govuk, "govuk-frontend.min.js"), join(staticDir, "vendor", "govuk", "govuk-frontend.min.js"));
await cp(
  join(here, "node_modules", "htmx.org", "dist", "htmx.min.js"),
  join(staticDir, "vendor", "htmx", "htmx.min.js"),
);
// DejaVu Sans for the PDF reports (opengov/ideas/pdf.py): any language's text, on every install.
for (const file of ["ttf/DejaVuSans.ttf", "ttf/DejaVuSans-Bold.ttf", "LICENSE"]) {
  const name = file.split("/").pop();
  await cp(join(here, "node_modules", "dejavu-fonts-ttf", file), join(staticDir, "vendor", "dejavu", name));
}
console.log(`theme built from ${theme} into ${join(staticDir, "css", "opengov.css")}`);
