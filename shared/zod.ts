/**
 * The one way the core imports zod (`import * as z from '…/zod.js'`): its mini build, whose
 * functional API lets a bundle keep only the validators it uses (the classic build's chained
 * methods tie every schema type to every other, about 0.7 MB of code and 10 MB of the softphone's
 * memory; docs/performance.md). Same validation, same messages: the mini build loads no locale by
 * itself, so English, the classic build's default, is set here, before any schema can exist.
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());

export * from 'zod/mini';
