/** Rule criteria with StackStorm's operators: the conditions a trigger payload must meet for a rule to fire. */
package io.attune.domain.rule.criteria;
