/** The web layer shared by every screen and API: security, sign-in, layout, navigation and languages. */
package io.kizuna.web;
