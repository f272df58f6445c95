/**
 * What pack authors write in: pack YAML, Orquesta workflows and their expressions, JSON Schema, Jinja templates, cron;
 * and the archives packs are uploaded as.
 */
module io.attune.adapters.expressions {
    requires io.attune.application;
    requires io.micronaut.micronaut_core;
    requires io.micronaut.micronaut_inject;
    requires jakarta.inject;
    requires org.yaml.snakeyaml;
    requires com.networknt.schema;
    requires com.fasterxml.jackson.databind;
    requires jinjava;
    requires re2j;
    requires com.cronutils;
    requires org.apache.commons.compress;
    requires org.slf4j;

    exports io.attune.adapters.expressions.pack;
    exports io.attune.adapters.expressions.archive;
    exports io.attune.adapters.expressions.schema;
    exports io.attune.adapters.expressions.template;
    exports io.attune.adapters.expressions.cron;
    exports io.attune.adapters.expressions.regex;
    exports io.attune.adapters.expressions.workflow;
}
