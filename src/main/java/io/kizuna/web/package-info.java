/** The web app's frame: security and sign-in, the layout with the navigation modules contribute, their message bundles, error pages. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "workspace" })
package io.kizuna.web;
