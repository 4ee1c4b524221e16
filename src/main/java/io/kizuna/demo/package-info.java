/** The demo workspace: a deterministic, archetype-based generator of a realistic B2B SaaS customer base. */
package io.kizuna.demo;
