/** Knowledge base: articles in ja and en, the public help center, Japanese-aware search and its analytics. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "support", "text", "workspace" })
package io.kizuna.knowledge;
