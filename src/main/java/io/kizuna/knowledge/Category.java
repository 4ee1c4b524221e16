package io.kizuna.knowledge;

/** A category of the help center; a category with a parent is a section of it. Either name may be missing. */
public record Category(long id, Long parentId, String nameJa, String nameEn, int position) {

	/** The name in a language, falling back to the other. */
	public String name(String language) {
		String name = "en".equals(language) ? nameEn : nameJa;
		return name != null ? name : nameJa != null ? nameJa : nameEn;
	}
}
