/** Accounts (companies), contacts (their people) and subscriptions with the history of every change. */
package io.kizuna.accounts;
