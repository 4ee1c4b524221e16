/** Revenue and lifetime value: the BG/NBD, Gamma-Gamma and shifted-beta-geometric models, fitted by maximum likelihood. */
package io.kizuna.revenue;
