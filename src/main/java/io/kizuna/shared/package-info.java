/** Shared kernel: identifiers, money and the problem types every module speaks. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.kizuna.shared;
