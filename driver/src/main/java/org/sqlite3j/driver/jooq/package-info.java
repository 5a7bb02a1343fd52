/**
 * jOOQ integration: jOOQ binds with typed setters/getters, never the driver's
 * {@code setObject}/{@code getObject}, so registered classes reach jOOQ as {@code Converter}s built
 * from the adapter and converter registries ({@link org.sqlite3j.driver.jooq.RegistryConverter},
 * {@link org.sqlite3j.driver.jooq.RegistryConverterProvider}). Needs {@code org.jooq:jooq} on the
 * class path, which the driver declares optional.
 */
package org.sqlite3j.driver.jooq;
