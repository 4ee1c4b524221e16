/** CSV import of accounts, contacts, subscriptions and events: streaming, every rejected line reported. */
package io.kizuna.imports;
