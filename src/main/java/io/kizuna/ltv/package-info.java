/** Lifetime value: the transaction log, BG/NBD, Gamma-Gamma and shifted-beta-geometric models fitted by maximum likelihood, CLV and RFM. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "imports", "segments", "shared", "workspace" })
package io.kizuna.ltv;
