#!/usr/bin/env python3
# Writes nodes/click2call.html, nodes/dialer.html and nodes/pbx-api.html: the three provider
# editors share one script (parameter rows drawn from the runtime operation tables). Edit here,
# run `python3 scripts/gen-operation-editors.py` from the repository root, commit the outputs.
import json
NODES = {
  'click2call': {'color': '#A6BBCF', 'icon': 'click2call.svg', 'retry': True, 'bulk': False,
     'ops': {'voicenter': ['call','message','callference','terminate'], 'iexpbx': ['callnumber','callback','hangupcall']}, 'default': 'call'},
  'dialer': {'color': '#A6BBCF', 'icon': 'dialer.svg', 'retry': True, 'bulk': True,
     'ops': {'voicenter': ['AddCall','AddCallsBulk','RemoveCall','UpdateCall','GetCampaignList','GetCampaignDetails','GetCampaignPendingCalls','GetMembersList','AddMember','RemoveMember','StartCampaign','StopCampaign','UpdateCampaignStrategy','ClearCampaignCalls','ConfigureIvrCampaign'], 'iexpbx': ['callivr']}, 'default': 'AddCall'},
  'pbx-api': {'color': '#A6BBCF', 'icon': 'pbx-api.svg', 'retry': False, 'bulk': False,
     'ops': {'voicenter': ['GetCallLog','GetExtensionsCalls','GetQueuesCallers','GetExtensions','Login','Logout','SetStatus'], 'iexpbx': ['activecalls','cdr','users','queues','record','phonedirectory']}, 'default': 'GetExtensionsCalls'},
}
for t, c in NODES.items():
    retry_row = f'''
<div class="form-row">
    <label for="node-input-retryUnsafe">&nbsp;</label>
    <input type="checkbox" id="node-input-retryUnsafe" style="display:inline-block; width:auto; vertical-align:top;">
    <label for="node-input-retryUnsafe" style="width:auto" data-i18n="{t}.label.retryUnsafe"></label>
</div>''' if c['retry'] else ''
    bulk_row = f'''
<div class="form-row telephony-bulk-row">
    <label for="node-input-bulkSize"><i class="fa fa-th-list"></i> <span data-i18n="{t}.label.bulkSize"></span></label>
    <input type="text" id="node-input-bulkSize" placeholder="500" style="width:100px">
</div>''' if c['bulk'] else ''
    html = f'''<script type="text/javascript">
(function () {{
    // Operations this node offers (the same lists as nodes/{t}.ts); their parameters come from
    // the runtime's operation tables, served at telephony/operations/<provider>.
    var OPS = {json.dumps(c['ops'])};
    var TYPES = ['str', 'num', 'bool', 'json', 'msg', 'flow', 'global', 'env', 'date'];
    var tables = {{}};
    function load(provider, cb) {{
        if (tables[provider]) {{ cb(tables[provider]); return; }}
        $.getJSON('telephony/operations/' + provider, function (data) {{ tables[provider] = data; cb(data); }})
            .fail(function () {{ cb([]); }});
    }}
    RED.nodes.registerType('{t}', {{
        category: 'telephony',
        color: '{c['color']}',
        defaults: {{
            name: {{ value: '' }},
            provider: {{ value: 'voicenter' }},
            account: {{ value: '', type: 'voicenter-account', required: false }},
            server: {{ value: '', type: 'iexpbx-server', required: false }},
            operation: {{ value: '{c['default']}' }},
            fields: {{ value: {{}} }},
            encoding: {{ value: '' }},
            retryUnsafe: {{ value: false }},
            bulkSize: {{ value: '', validate: RED.validators.number(true) }},
            timeout: {{ value: '', validate: RED.validators.number(true) }}
        }},
        inputs: 1,
        outputs: 2,
        icon: '{c['icon']}',
        outputLabels: function (i) {{ return this._(i === 0 ? '{t}.outputs.ok' : '{t}.outputs.error'); }},
        label: function () {{ return this.name || this.operation || '{t}'; }},
        paletteLabel: '{t}',
        oneditprepare: function () {{
            var node = this;
            var fields = $.extend(true, {{}}, node.fields || {{}});
            function rememberFields() {{
                $('#telephony-fields .telephony-field').each(function () {{
                    var name = $(this).data('param');
                    var input = $(this).find('input.telephony-value');
                    var v = input.typedInput('value');
                    var vt = input.typedInput('type');
                    if (v === '' && vt === 'str') delete fields[name]; else fields[name] = {{ v: v, vt: vt }};
                }});
            }}
            function drawFields() {{
                var provider = $('#node-input-provider').val();
                var opName = $('#node-input-operation').val();
                load(provider, function (ops) {{
                    var op = ops.filter(function (o) {{ return o.name === opName; }})[0];
                    var box = $('#telephony-fields').empty();
                    if (!op) return;
                    $('#telephony-op-doc').text(op.doc + (op.description ? ' - ' + op.description : ''));
                    var enc = $('#node-input-encoding');
                    enc.find('option').each(function () {{
                        var v = $(this).val();
                        $(this).toggle(v === '' || op.encodings.indexOf(v) >= 0);
                    }});
                    op.params.forEach(function (p) {{
                        var row = $('<div class="form-row telephony-field"></div>').data('param', p.name);
                        var label = $('<label></label>').attr('title', p.description).text(p.name + (p.required ? ' *' : ''));
                        row.append(label);
                        var input = $('<input type="text" class="telephony-value" style="width:65%">');
                        row.append(input);
                        box.append(row);
                        var f = fields[p.name] || {{ v: '', vt: p.type === 'boolean' ? 'bool' : (p.type === 'integer' || p.type === 'number' ? 'num' : 'str') }};
                        input.typedInput({{ default: f.vt, types: TYPES }});
                        input.typedInput('value', f.v === undefined ? '' : String(f.v));
                        input.typedInput('type', f.vt);
                        if (p.description) row.append($('<div class="form-tips" style="margin-left:105px"></div>').text(p.description + (p.default !== null ? ' (' + p.default + ')' : '')));
                    }});
                    if (op.customVars) box.append($('<div class="form-tips"></div>').text(node._('{t}.tips.custom', {{ prefix: op.customVars.prefix, max: op.customVars.max || '-' }})));
                    $('.telephony-bulk-row').toggle(opName === 'AddCallsBulk');
                }});
            }}
            function fillOperations() {{
                var provider = OPS[$('#node-input-provider').val()] ? $('#node-input-provider').val() : 'voicenter';
                $('.telephony-voicenter').toggle(provider === 'voicenter');
                $('.telephony-iexpbx').toggle(provider === 'iexpbx');
                var sel = $('#node-input-operation').empty();
                OPS[provider].forEach(function (o) {{ sel.append($('<option></option>').val(o).text(o)); }});
                sel.val(OPS[provider].indexOf(node.operation) >= 0 ? node.operation : OPS[provider][0]);
                drawFields();
            }}
            // A node imported without its defaults (older flows, hand-written JSON) still edits.
            if (!OPS[$('#node-input-provider').val()]) $('#node-input-provider').val('voicenter');
            $('#node-input-provider').on('change', function () {{ rememberFields(); fillOperations(); }});
            $('#node-input-operation').on('change', function () {{ rememberFields(); drawFields(); }});
            fillOperations();
            node._telephonyRemember = function () {{ rememberFields(); return fields; }};
        }},
        oneditsave: function () {{
            var fields = this._telephonyRemember ? this._telephonyRemember() : this.fields;
            var opName = $('#node-input-operation').val();
            var provider = $('#node-input-provider').val();
            var known = {{}};
            ((tables[provider] || []).filter(function (o) {{ return o.name === opName; }})[0] || {{ params: [] }}).params
                .forEach(function (p) {{ known[p.name] = true; }});
            var kept = {{}};
            Object.keys(fields).forEach(function (k) {{ if (known[k] || !tables[provider]) kept[k] = fields[k]; }});
            this.fields = kept;
            delete this._telephonyRemember;
        }}
    }});
}})();
</script>

<script type="text/html" data-template-name="{t}">
<div class="form-row">
    <label for="node-input-name"><i class="fa fa-tag"></i> <span data-i18n="{t}.label.name"></span></label>
    <input type="text" id="node-input-name" data-i18n="[placeholder]{t}.label.name">
</div>
<div class="form-row">
    <label for="node-input-provider"><i class="fa fa-cloud"></i> <span data-i18n="{t}.label.provider"></span></label>
    <select id="node-input-provider">
        <option value="voicenter">Voicenter</option>
        <option value="iexpbx">iexpbx</option>
    </select>
</div>
<div class="form-row telephony-voicenter">
    <label for="node-input-account"><i class="fa fa-key"></i> <span data-i18n="{t}.label.account"></span></label>
    <input type="text" id="node-input-account">
</div>
<div class="form-row telephony-iexpbx">
    <label for="node-input-server"><i class="fa fa-server"></i> <span data-i18n="{t}.label.server"></span></label>
    <input type="text" id="node-input-server">
</div>
<div class="form-row">
    <label for="node-input-operation"><i class="fa fa-tasks"></i> <span data-i18n="{t}.label.operation"></span></label>
    <select id="node-input-operation"></select>
    <div class="form-tips" id="telephony-op-doc" style="margin-left:105px"></div>
</div>
<div class="form-row">
    <label for="node-input-encoding"><i class="fa fa-exchange"></i> <span data-i18n="{t}.label.encoding"></span></label>
    <select id="node-input-encoding">
        <option value="" data-i18n="{t}.label.encodingDefault"></option>
        <option value="GET">GET</option>
        <option value="POST">POST (form)</option>
        <option value="JSON">JSON</option>
    </select>
</div>
<div class="form-row">
    <label for="node-input-timeout"><i class="fa fa-clock-o"></i> <span data-i18n="{t}.label.timeout"></span></label>
    <input type="text" id="node-input-timeout" placeholder="30000" style="width:100px"> ms
</div>{bulk_row}{retry_row}
<div class="form-row"><label style="width:auto"><i class="fa fa-list"></i> <span data-i18n="{t}.label.fields"></span></label></div>
<div id="telephony-fields"></div>
<div class="form-tips" data-i18n="[html]{t}.tips.payload"></div>
</script>
'''
    open(f'nodes/{t}.html', 'w').write(html)
