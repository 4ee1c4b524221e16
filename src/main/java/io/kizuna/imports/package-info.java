/** CSV import: streaming, every rejected line reported; the targets (accounts, events, transactions, …) come from their modules. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "workspace" })
package io.kizuna.imports;
