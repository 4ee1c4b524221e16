/** One ja/en analysis chain for the whole product (Lucene Kuromoji + ICU): the analyzers search and text analytics share. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package io.kizuna.text;
