import { afterEach, beforeEach, expect, test } from "bun:test";
import { highlightCodeBlocks } from "../src/views/code-highlighting.ts";
import type { Browser } from "./support/browser.ts";
import { RunningCampfire, setUp } from "./support/campfire.ts";

// Code blocks are coloured by highlight.js with auto-detection among the original's 12 languages
// (features.md §7.3); what it writes is still only escaped text and spans.
let campfire: RunningCampfire;
let david: Browser;
beforeEach(async () => {
  campfire = RunningCampfire.start();
  david = await setUp(campfire);
  await david.get("/rooms/1");
});
afterEach(() => campfire.stop());

const presentation = (page: string, id: string) =>
  page.slice(page.indexOf(`id="presentation_message_${id}"`), page.indexOf(`id="boosting_message_${id}"`));

test("a code block in a message is highlighted with its detected language; inline code is not", async () => {
  await david.post("/rooms/1/messages", {
    "message[body]":
      '<div>Try <code>x</code>:</div><pre>def greet(name)\n  puts "hi #{name}" if name.size &lt; 3\nend</pre>',
    "message[client_message_id]": "ruby",
  });
  const body = presentation(await (await david.get("/rooms/1")).text(), "ruby");
  expect(body).toContain('<pre><code class="hljs language-ruby"><span class="hljs-keyword">def</span>');
  expect(body).toContain('<span class="hljs-string">"hi <span class="hljs-subst">#{name}</span>"</span>');
  expect(body).toContain("name.size &lt; <span");
  expect(body).toContain("Try <code>x</code>");
});

test("markup inside code stays text: nothing a code block holds can become an element", async () => {
  await david.post("/rooms/1/messages", {
    "message[body]":
      "<pre>const a = &lt;img src=x onerror=alert(1)&gt;;\n&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;</pre>",
    "message[client_message_id]": "hostile",
  });
  const body = presentation(await (await david.get("/rooms/1")).text(), "hostile");
  expect(body).toContain('class="hljs');
  expect(body).not.toContain("<img");
  expect(body).not.toContain("<script");
  expect(body).not.toContain("</code></pre>&lt;");
  expect(body).toContain('&lt;<span class="hljs-name">script</span>&gt;');
});

test("blocks with formatting inside, blank blocks and oversized blocks are left as they were", () => {
  expect(highlightCodeBlocks("<pre>let <strong>x</strong> = 1</pre>")).toBe(
    "<pre>let <strong>x</strong> = 1</pre>",
  );
  expect(highlightCodeBlocks("<pre>  </pre>")).toBe("<pre>  </pre>");
  const huge = `<pre>${"x = 1\n".repeat(5000)}</pre>`;
  expect(highlightCodeBlocks(huge)).toBe(huge);
});
