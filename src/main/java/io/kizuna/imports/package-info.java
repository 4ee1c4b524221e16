/** CSV import: streaming, every rejected line reported; the targets (accounts, events, transactions, …) come from their modules. */
package io.kizuna.imports;
