package io.kizuna.accounts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.accounts.ContactRoleOption;
import io.kizuna.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The contact roles setting's text: one role a line, code | 日本語 | English, with either vertical bar. */
class ContactRolesTextTests {

	@Test
	void linesOfThreePartsWithEitherBarBlankLinesIgnored() {
		assertThat(ContactRolesSettingsController.parse("champion | 推進者 | Champion\r\n\n budget｜予算責任者｜Budget owner \n"))
			.containsExactly(new ContactRoleOption("champion", "推進者", "Champion"),
					new ContactRoleOption("budget", "予算責任者", "Budget owner"));
	}

	@Test
	void aLineWithoutThreePartsOrATooLongTextIsRefusedAsAWhole() {
		assertThatThrownBy(() -> ContactRolesSettingsController.parse("champion | 推進者")).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> ContactRolesSettingsController.parse("a | b | c | d")).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> ContactRolesSettingsController.parse("x".repeat(4001))).isInstanceOf(InvalidInputException.class);
	}
}
