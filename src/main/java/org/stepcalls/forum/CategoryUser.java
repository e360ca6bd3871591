package org.stepcalls.forum;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One person's notification level for a whole category ({@link TopicWatching}). */
@Entity
@Table(name = "category_users")
@IdClass(CategoryUser.Key.class)
public class CategoryUser extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public long accountId;

    @Id
    @Column(name = "category_id")
    public long categoryId;

    @Column(nullable = false)
    public String level;

    public static class Key implements Serializable {
        public long accountId;
        public long categoryId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.accountId == accountId && key.categoryId == categoryId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, categoryId);
        }
    }
}
