package io.kizuna.knowledge;

/** What a category is made of: its names in ja and en (at least one), its parent for a section, its position. */
public record CategoryDraft(Long parentId, String nameJa, String nameEn, Integer position) {
}
