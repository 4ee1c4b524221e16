package io.kizuna.knowledge;

/** An article shown as related to another: its id and its title in the language asked (or its other one). */
public record RelatedArticle(long id, String title) {
}
