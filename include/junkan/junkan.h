/* junkan: the umbrella header. */
#ifndef JUNKAN_H
#define JUNKAN_H

#include <junkan/core.h>
#include <junkan/model.h>
#include <junkan/store.h>
#include <junkan/io.h>
#include <junkan/check.h>
#include <junkan/mfa.h>
#include <junkan/network.h>
#include <junkan/indicators.h>
#include <junkan/ledger.h>
#include <junkan/mcf.h>
#include <junkan/market.h>
#include <junkan/diagnosis.h>

#endif
