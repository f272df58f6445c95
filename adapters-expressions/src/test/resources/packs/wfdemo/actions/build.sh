#!/bin/sh
echo "building $ATTUNE_PARAM_TARGET"
