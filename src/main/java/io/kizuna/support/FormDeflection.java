package io.kizuna.support;

/**
 * One month of the web form: visits that opened a suggested article, how many of those sent no ticket (deflected),
 * and all visits that sent one.
 */
public record FormDeflection(String month, long opened, long deflected, long submitted) {
}
